using StepFlow.Json;
using StepFlow.Paths;

namespace StepFlow.Conformance.Suites;

/// <summary>
/// Why ASL mode deliberately gives a different answer from RFC 9535 on a compliance case
/// (see docs/jsonpath.md). A failing case with no reason here is a real failure.
/// </summary>
public static class AslDeviations
{
    /// <summary>RFC filter functions are not part of ASL.</summary>
    public const string Functions =
        "RFC 9535 filter functions (length, count, match, search, value) are not part of ASL: AWS says \"functions such as length() aren't supported\", so ASL mode rejects them.";

    /// <summary>Jayway slices have no step.</summary>
    public const string SliceStep = "Jayway/ASL slices are [start:end] with no step, so ASL mode rejects [start:end:step].";

    /// <summary>AWS filters cannot read other values in the document.</summary>
    public const string RootInFilter = "AWS filters cannot refer to other values in the document, so ASL mode rejects '$' inside a filter.";

    /// <summary>AWS's '@' matches only objects.</summary>
    public const string ObjectsOnlyFilter = "In AWS filters '@' matches only objects, so scalars and arrays are never selected by a filter.";

    /// <summary>ASL's lenient dot-notation names.</summary>
    public const string LenientNames =
        "ASL dot-notation names are lenient (Jayway; the spec's own examples $.error-info and $.&Ж中 are valid): any character up to an unescaped '.', '[' or ']', with backslash escapes.";

    /// <summary>ASL's lenient escapes in quoted names and strings.</summary>
    public const string LenientEscapes =
        "In ASL (Jayway, as AWS reads paths) a backslash in a quoted name or string escapes any character: \\\" in single quotes and \\' in double quotes stand for the quote, and \\x for x.";

    /// <summary>ASL's extra roots.</summary>
    public const string ExtraRoots = "In ASL '$$' is the context object and '$name' a workflow variable, so these roots are valid.";

    /// <summary>
    /// The reason ASL mode deliberately differs on <paramref name="testCase"/>, or null when it should not
    /// differ. Called for cases that did not pass in ASL mode.
    /// </summary>
    public static string? Explain(JsonPathComplianceCase testCase)
    {
        ArgumentNullException.ThrowIfNull(testCase);
        var aslParsed = JsonPath.TryParse(testCase.Selector, JsonPathDialect.Asl, out var asl, out var aslError);
        var rfcParsed = JsonPath.TryParse(testCase.Selector, JsonPathDialect.Rfc9535, out _, out var rfcError);
        if (!aslParsed && rfcParsed)
        {
            return aslError switch
            {
                _ when aslError!.Contains("filter functions", StringComparison.Ordinal) => Functions,
                _ when aslError.Contains("slice steps", StringComparison.Ordinal) => SliceStep,
                _ when aslError.Contains("document root", StringComparison.Ordinal) => RootInFilter,
                _ => null,
            };
        }

        if (aslParsed && !rfcParsed)
        {
            if (asl!.Root != PathRoot.Input)
            {
                return ExtraRoots;
            }

            return rfcError switch
            {
                _ when rfcError!.Contains("member name", StringComparison.Ordinal) => LenientNames,
                _ when rfcError.Contains("not a valid escape", StringComparison.Ordinal) => LenientEscapes,
                _ => null,
            };
        }

        if (aslParsed && rfcParsed && testCase.Document is not null && testCase.Selector.Contains('?', StringComparison.Ordinal))
        {
            var actual = asl!.SelectNodes(testCase.Document);
            foreach (var expected in testCase.ExpectedResults)
            {
                if (actual.Count < expected.Count || ContainsNonObject(expected))
                {
                    return ObjectsOnlyFilter;
                }
            }
        }

        return null;
    }

    private static bool ContainsNonObject(JsonArray nodes)
    {
        foreach (var node in nodes.Items)
        {
            if (node is not JsonObject)
            {
                return true;
            }
        }

        return false;
    }
}
