using StepFlow.Json;
using StepFlow.Paths;

namespace StepFlow.Conformance.Suites;

/// <summary>
/// Runs the JSONPath compliance test suite (cts.json, github.com/jsonpath-standard/jsonpath-compliance-test-suite)
/// against StepFlow's engine. In <see cref="JsonPathDialect.Rfc9535"/> every case should pass; in
/// <see cref="JsonPathDialect.Asl"/> the cases ASL deliberately treats differently are reported as
/// <see cref="JsonPathComplianceOutcome.AslDeviation"/> with the reason.
/// </summary>
public static class JsonPathComplianceSuite
{
    /// <summary>Reads the cases of a cts.json file.</summary>
    public static IReadOnlyList<JsonPathComplianceCase> Load(string ctsPath)
    {
        ArgumentNullException.ThrowIfNull(ctsPath);
        return Parse(File.ReadAllText(ctsPath));
    }

    /// <summary>Reads the cases of cts.json text.</summary>
    public static IReadOnlyList<JsonPathComplianceCase> Parse(string ctsJson)
    {
        if (JsonValue.Parse(ctsJson) is not JsonObject suite || !suite.TryGetValue("tests", out var tests) || tests is not JsonArray cases)
        {
            throw new FormatException("A compliance suite is an object with a 'tests' array.");
        }

        var result = new List<JsonPathComplianceCase>(cases.Count);
        foreach (var item in cases.Items)
        {
            result.Add(ReadCase(item));
        }

        return result;
    }

    /// <summary>Runs every case of a cts.json file.</summary>
    internal static IReadOnlyList<JsonPathComplianceResult> RunAll(string ctsPath, JsonPathDialect dialect)
    {
        var results = new List<JsonPathComplianceResult>();
        foreach (var testCase in Load(ctsPath))
        {
            results.Add(Run(testCase, dialect));
        }

        return results;
    }

    /// <summary>Runs one case.</summary>
    internal static JsonPathComplianceResult Run(JsonPathComplianceCase testCase, JsonPathDialect dialect)
    {
        ArgumentNullException.ThrowIfNull(testCase);
        var result = RunStrict(testCase, dialect);
        if (dialect != JsonPathDialect.Asl || result.Passed)
        {
            return result;
        }

        var reason = AslDeviations.Explain(testCase);
        return reason is null ? result : new JsonPathComplianceResult(testCase, JsonPathComplianceOutcome.AslDeviation, result.Difference, reason);
    }

    private static JsonPathComplianceResult RunStrict(JsonPathComplianceCase testCase, JsonPathDialect dialect)
    {
        if (!JsonPath.TryParse(testCase.Selector, dialect, out var path, out var error))
        {
            return testCase.IsInvalidSelector
                ? Pass(testCase)
                : Fail(testCase, $"the selector was rejected: {error}");
        }

        if (testCase.IsInvalidSelector)
        {
            return Fail(testCase, "the selector should be rejected, but it parsed");
        }

        IReadOnlyList<JsonValue> nodes;
        try
        {
            nodes = path.SelectNodes(testCase.Document!);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return Fail(testCase, $"evaluation threw {e.GetType().Name}: {e.Message}");
        }

        var actual = JsonArray.Create(nodes);
        foreach (var expected in testCase.ExpectedResults)
        {
            if (SameNodelist(expected, actual))
            {
                return Pass(testCase);
            }
        }

        var wanted = string.Join(" or ", testCase.ExpectedResults.Select(r => r.ToJsonString()));
        return Fail(testCase, $"expected {wanted} but got {actual.ToJsonString()}");
    }

    private static bool SameNodelist(JsonArray expected, JsonArray actual)
    {
        if (expected.Count != actual.Count)
        {
            return false;
        }

        for (var i = 0; i < expected.Count; i++)
        {
            if (!expected[i].Equals(actual[i]))
            {
                return false;
            }
        }

        return true;
    }

    private static JsonPathComplianceResult Pass(JsonPathComplianceCase testCase) =>
        new(testCase, JsonPathComplianceOutcome.Passed, null);

    private static JsonPathComplianceResult Fail(JsonPathComplianceCase testCase, string difference) =>
        new(testCase, JsonPathComplianceOutcome.Failed, difference);

    private static JsonPathComplianceCase ReadCase(JsonValue item)
    {
        if (item is not JsonObject obj || !obj.TryGetValue("name", out var name) || name is not JsonString nameText ||
            !obj.TryGetValue("selector", out var selector) || selector is not JsonString selectorText)
        {
            throw new FormatException("Each compliance case needs a string 'name' and 'selector'.");
        }

        var invalid = obj.TryGetValue("invalid_selector", out var flag) && flag is JsonBool { Value: true };
        obj.TryGetValue("document", out var document);
        var expected = new List<JsonArray>();
        if (obj.TryGetValue("result", out var single) && single is JsonArray singleArray)
        {
            expected.Add(singleArray);
        }

        if (obj.TryGetValue("results", out var several) && several is JsonArray severalArray)
        {
            foreach (var alternative in severalArray.Items)
            {
                if (alternative is JsonArray alternativeArray)
                {
                    expected.Add(alternativeArray);
                }
            }
        }

        var tags = new List<string>();
        if (obj.TryGetValue("tags", out var tagValues) && tagValues is JsonArray tagArray)
        {
            foreach (var tag in tagArray.Items)
            {
                if (tag is JsonString tagText)
                {
                    tags.Add(tagText.Value);
                }
            }
        }

        if (!invalid && (document is null || expected.Count == 0))
        {
            throw new FormatException($"The compliance case '{nameText.Value}' has neither 'invalid_selector' nor a document and result.");
        }

        return new JsonPathComplianceCase(nameText.Value, selectorText.Value, document, expected, invalid, tags);
    }
}
