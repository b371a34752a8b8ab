namespace StepFlow.Definition.Choice;

/// <summary>The Choice rule comparison operators (the <c>…Path</c> variants share these with a path operand).</summary>
internal enum ComparisonOperator
{
#pragma warning disable CS1591 // The names are ASL's.
    StringEquals,
    StringLessThan,
    StringGreaterThan,
    StringLessThanEquals,
    StringGreaterThanEquals,
    StringMatches,
    NumericEquals,
    NumericLessThan,
    NumericGreaterThan,
    NumericLessThanEquals,
    NumericGreaterThanEquals,
    BooleanEquals,
    TimestampEquals,
    TimestampLessThan,
    TimestampGreaterThan,
    TimestampLessThanEquals,
    TimestampGreaterThanEquals,
    IsNull,
    IsPresent,
    IsNumeric,
    IsString,
    IsBoolean,
    IsTimestamp,
#pragma warning restore CS1591
}
