using StepFlow.Json;

namespace StepFlow.Conformance.Suites;

/// <summary>One case of the JSONata test suite.</summary>
public sealed class JsonataSuiteCase
{
    /// <summary>The case id: <c>group/file.json</c>, or <c>group/file.json#index</c> in an array file.</summary>
    public required string Id { get; init; }

    /// <summary>The expression text (inline, or read from the expr-file).</summary>
    public required string Expression { get; init; }

    /// <summary>The input document; null means no input (undefined).</summary>
    public JsonValue? Input { get; init; }

    /// <summary>Variable bindings.</summary>
    public IReadOnlyDictionary<string, JsonValue> Bindings { get; init; } = new Dictionary<string, JsonValue>();

    /// <summary>The expected result, when one is expected.</summary>
    public JsonValue? Result { get; init; }

    /// <summary>True when the expected result is undefined.</summary>
    public bool UndefinedResult { get; init; }

    /// <summary>The expected error code, when an error is expected.</summary>
    public string? Code { get; init; }

    /// <summary>The expected error token, if given.</summary>
    public string? Token { get; init; }

    /// <summary>The expected error message, for user-supplied messages ($error, $assert).</summary>
    public string? Message { get; init; }

    /// <summary>Compare the top-level array as a multiset.</summary>
    public bool Unordered { get; init; }

    /// <summary>The time limit in milliseconds, if the case sets one.</summary>
    public int? TimeLimit { get; init; }

    /// <summary>The evaluation depth limit, if the case sets one.</summary>
    public int? Depth { get; init; }

    /// <inheritdoc />
    public override string ToString() => Id;
}
