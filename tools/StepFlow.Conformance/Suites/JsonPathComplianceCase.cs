using StepFlow.Json;

namespace StepFlow.Conformance.Suites;

/// <summary>One case of the JSONPath compliance test suite (cts.json).</summary>
public sealed class JsonPathComplianceCase
{
    /// <summary>Creates a case.</summary>
    public JsonPathComplianceCase(string name, string selector, JsonValue? document, IReadOnlyList<JsonArray> expectedResults, bool isInvalidSelector, IReadOnlyList<string> tags)
    {
        Name = name;
        Selector = selector;
        Document = document;
        ExpectedResults = expectedResults;
        IsInvalidSelector = isInvalidSelector;
        Tags = tags;
    }

    /// <summary>The unique case name, e.g. <c>filter, equals number</c>.</summary>
    public string Name { get; }

    /// <summary>The JSONPath query.</summary>
    public string Selector { get; }

    /// <summary>The document the query runs on; null for invalid-selector cases.</summary>
    public JsonValue? Document { get; }

    /// <summary>The allowed nodelists (one for <c>result</c>, several for <c>results</c>); empty for invalid-selector cases.</summary>
    public IReadOnlyList<JsonArray> ExpectedResults { get; }

    /// <summary>True when the query must be rejected at parse time.</summary>
    public bool IsInvalidSelector { get; }

    /// <summary>The case's tags (<c>function</c>, <c>slice</c>, …).</summary>
    public IReadOnlyList<string> Tags { get; }

    /// <inheritdoc />
    public override string ToString() => Name;
}
