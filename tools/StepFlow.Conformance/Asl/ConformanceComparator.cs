using StepFlow.Execution;
using StepFlow.Json;
using StepFlow.Persistence;

namespace StepFlow.Conformance.Asl;

/// <summary>What the comparison of one execution with its recording found.</summary>
/// <param name="Passed">Status equal, and output (succeeded) or error (failed, timed out) equal.</param>
/// <param name="CauseMatched">Whether the cause matched; null when the expected status carries no cause.</param>
/// <param name="HistoryMatched">Whether the history event types matched; null when the case has no history or none was recorded.</param>
/// <param name="Differences">What differed, one line each; empty when everything matched.</param>
public sealed record ComparisonOutcome(bool Passed, bool? CauseMatched, bool? HistoryMatched, IReadOnlyList<string> Differences);

/// <summary>
/// Compares an execution with a recorded case: status; output as JSON with <c>{{...}}</c> tokens in
/// expected strings as consistent wildcards; error name exactly; cause as JSON when the expected cause
/// parses as JSON, else as text (reported separately); history event types in order, or as a multiset
/// when the case's history was reordered.
/// </summary>
public static class ConformanceComparator
{
    /// <summary>Compares <paramref name="actual"/> with the recording in <paramref name="testCase"/>.</summary>
    public static ComparisonOutcome Compare(ConformanceCase testCase, ExecutionResult actual)
    {
        ArgumentNullException.ThrowIfNull(testCase);
        ArgumentNullException.ThrowIfNull(actual);
        return Compare(
            testCase,
            actual.Status,
            actual.Output,
            actual.Error,
            actual.Cause,
            actual.History.Count == 0 ? null : actual.History.Select(e => e.Type).ToList());
    }

    /// <summary>Compares the parts of an execution's result with the recording in <paramref name="testCase"/>.</summary>
    public static ComparisonOutcome Compare(
        ConformanceCase testCase,
        ExecutionStatus status,
        JsonValue? output,
        string? error,
        string? cause,
        IReadOnlyList<string>? historyTypes)
    {
        ArgumentNullException.ThrowIfNull(testCase);
        var expected = testCase.Expected;
        var matcher = new TokenMatcher();
        var differences = new List<string>();
        var passed = true;
        bool? causeMatched = null;

        if (status != expected.Status)
        {
            passed = false;
            var got = status == ExecutionStatus.Succeeded
                ? $"output {Shorten(output?.ToJsonString() ?? "null")}"
                : $"error {error ?? "null"}, cause {Shorten(cause ?? "null")}";
            differences.Add($"status: expected {ExpectedOutcome.StatusName(expected.Status)}, got {ExpectedOutcome.StatusName(status)} ({got})");
        }
        else if (status == ExecutionStatus.Succeeded)
        {
            if (!matcher.Match(expected.Output ?? JsonValue.Null, output, out var difference))
            {
                passed = false;
                differences.Add("output " + difference);
            }
        }
        else
        {
            if (!string.Equals(expected.Error, error, StringComparison.Ordinal))
            {
                passed = false;
                differences.Add($"error: expected {expected.Error ?? "null"}, got {error ?? "null"}");
            }

            causeMatched = CauseMatches(matcher, expected.Cause, cause);
            if (causeMatched == false)
            {
                differences.Add($"cause: expected {Shorten(expected.Cause ?? "null")}, got {Shorten(cause ?? "null")}");
            }
        }

        bool? historyMatched = null;
        if (testCase.History is { } expectedHistory && historyTypes is not null)
        {
            var historyDifference = CompareHistory(expectedHistory, historyTypes, testCase.HistoryReordered);
            historyMatched = historyDifference is null;
            if (historyDifference is not null)
            {
                differences.Add("history: " + historyDifference);
            }
        }

        return new ComparisonOutcome(passed, causeMatched, historyMatched, differences);
    }

    /// <summary>
    /// Compares causes: as JSON values (tokens are wildcards) when the expected cause parses as JSON,
    /// else as text with token wildcards.
    /// </summary>
    public static bool CauseMatches(TokenMatcher matcher, string? expected, string? actual)
    {
        ArgumentNullException.ThrowIfNull(matcher);
        if (expected is null || actual is null)
        {
            return expected is null && actual is null;
        }

        if (TryParseJson(expected, out var expectedJson))
        {
            return TryParseJson(actual, out var actualJson) && matcher.Match(expectedJson, actualJson, out _);
        }

        return matcher.MatchString(expected, actual);
    }

    /// <summary>
    /// Compares history event types: exactly in order, or as a multiset when <paramref name="reordered"/>.
    /// Returns null when they match, else a description of the first difference.
    /// </summary>
    public static string? CompareHistory(IReadOnlyList<string> expected, IReadOnlyList<string> actual, bool reordered)
    {
        ArgumentNullException.ThrowIfNull(expected);
        ArgumentNullException.ThrowIfNull(actual);
        if (reordered)
        {
            var counts = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (var type in expected)
            {
                counts[type] = counts.GetValueOrDefault(type) + 1;
            }

            foreach (var type in actual)
            {
                counts[type] = counts.GetValueOrDefault(type) - 1;
            }

            var off = counts.Where(c => c.Value != 0).OrderBy(c => c.Key, StringComparer.Ordinal)
                .Select(c => c.Value > 0 ? $"{c.Value}× {c.Key} missing" : $"{-c.Value}× {c.Key} extra")
                .ToList();
            return off.Count == 0 ? null : "as a multiset: " + string.Join(", ", off);
        }

        var common = Math.Min(expected.Count, actual.Count);
        for (var i = 0; i < common; i++)
        {
            if (!string.Equals(expected[i], actual[i], StringComparison.Ordinal))
            {
                return $"event {i + 1}: expected {expected[i]}, got {actual[i]}";
            }
        }

        if (expected.Count == actual.Count)
        {
            return null;
        }

        return expected.Count > actual.Count
            ? $"{expected.Count - actual.Count} event(s) missing from event {common + 1}: {expected[common]}…"
            : $"{actual.Count - expected.Count} extra event(s) from event {common + 1}: {actual[common]}…";
    }

    private static bool TryParseJson(string text, out JsonValue value)
    {
        try
        {
            value = JsonValue.Parse(text);
            return true;
        }
        catch (JsonParseException)
        {
            value = JsonValue.Null;
            return false;
        }
    }

    private static string Shorten(string text) => text.Length <= 300 ? text : string.Concat(text.AsSpan(0, 300), "…");
}
