using StepFlow.Paths.Filters;
using StepFlow.Paths.Syntax;

namespace StepFlow.Paths.Parsing;

/// <summary>The RFC 9535 type of a parsed filter operand, used to check that expressions are well-typed.</summary>
internal enum FilterOperandKind
{
    Literal,
    Query,
    ValueFunction,
    LogicalFunction,
}

/// <summary>An operand as parsed, before it is checked against where it is used.</summary>
internal sealed record FilterOperand(FilterOperandKind Kind, int Position, ValueOperand? Value = null, PathQuery? Query = null, FilterExpression? Logical = null, string? FunctionName = null);
