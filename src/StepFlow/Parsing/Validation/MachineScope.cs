using StepFlow.Definition;
using StepFlow.Json;

namespace StepFlow.Parsing.Validation;

/// <summary>Where a sub-machine sits: the definition itself, a Parallel branch, or a Map processor.</summary>
internal enum ScopeKind
{
    Root,
    Branch,
    Iterator,
    ItemProcessor,
}

/// <summary>One state machine scope waiting to be validated: its own StartAt, States and transitions.</summary>
internal readonly record struct MachineScope(JsonValue Value, string Pointer, int Depth, QueryLanguage Language, ScopeKind Kind);
