using StepFlow.Paths.Syntax;

namespace StepFlow.Paths.Parsing;

/// <summary>What the parser produces: the root and the segments.</summary>
internal sealed record ParsedPath(PathRoot Root, string? VariableName, PathSegment[] Segments);
