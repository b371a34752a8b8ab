namespace StepFlow.Paths.Filters;

/// <summary>The comparison operators of a filter.</summary>
internal enum ComparisonOperator
{
    Equal,
    NotEqual,
    Less,
    LessOrEqual,
    Greater,
    GreaterOrEqual,
}
