using StepFlow.Json;

namespace StepFlow.Parsing.Validation;

/// <summary>The checks whose outcome depends on nothing but the block checked (and the run's options).</summary>
internal enum BlockCheck
{
    /// <summary>A Retry array.</summary>
    Retry,

    /// <summary>A catcher array in a JSONPath state (its Next targets are still collected at every use).</summary>
    JsonPathCatch,

    /// <summary>A payload template (Parameters, ResultSelector).</summary>
    PayloadTemplate,

    /// <summary>A Pass state's Result (its PASS_RESULT_IS_STATIC warnings).</summary>
    PassResult,

    /// <summary>A top-level JSONPath Choice rule.</summary>
    TopRule,

    /// <summary>A nested JSONPath Choice rule (inside And, Or or Not), or the array of an And or Or.</summary>
    NestedRule,
}

/// <summary>
/// The blocks of one validation run found clean, by node and check. A definition's identical blocks are one shared node
/// (JsonTreeBuilder.Sharing, known as repeated to the <see cref="ParseSession"/> of the parse), so a Retry policy or ResultSelector repeated on 100 states is checked once. Only a check
/// that reported nothing is remembered: a block with a problem is checked, and reported, wherever it appears.
/// </summary>
internal sealed class CleanBlocks
{
    private readonly HashSet<JsonValue>[] _clean = new HashSet<JsonValue>[Enum.GetValues<BlockCheck>().Length];

    /// <summary>True when <paramref name="block"/> passed <paramref name="check"/> before in this run.</summary>
    public bool Contains(JsonValue block, BlockCheck check) => _clean[(int)check]?.Contains(block) == true;

    /// <summary>Remembers that <paramref name="block"/> passed <paramref name="check"/>.</summary>
    public void Add(JsonValue block, BlockCheck check) =>
        (_clean[(int)check] ??= new HashSet<JsonValue>(ReferenceEqualityComparer.Instance)).Add(block);
}
