using System.Globalization;
using StepFlow.Persistence;

namespace StepFlow.Sqlite.Tests.Crash;

/// <summary>
/// Compares an execution's stored history with the same execution's history from an uninterrupted run: every field of
/// every event — type, state, Map index, scope, visit, data and detail — except its timestamp and StepFlow's journal
/// (which holds the execution's random token secret).
/// <para>
/// Events of Map iterations and Parallel branches that run at the same time interleave differently from one run to the
/// next, crash or not, so their ids cannot match between two runs. What is compared: the number of events and ids
/// 1..n without a gap; event for event with ids, the events of the execution itself and of its top-level states (their
/// ids are fixed: everything nested before them has ended); event for event in order, every iteration's and branch's
/// own events (its scope) and every Map iteration's bookkeeping (MapIteration* events of one index); and the whole
/// history as a multiset, which holds the events that belong to no one scope (LambdaFunctionStarted, MapStateStarted,
/// ParallelStateStarted, ...), so that one event more, less or changed anywhere is a difference.
/// </para>
/// </summary>
internal static class HistoryCanon
{
    /// <summary>Each difference between <paramref name="actual"/> and <paramref name="expected"/> as a line; none when they are equal.</summary>
    public static IReadOnlyList<string> Differences(IReadOnlyList<StoredEvent> expected, IReadOnlyList<StoredEvent> actual)
    {
        var differences = new List<string>();
        for (var i = 0; i < actual.Count; i++)
        {
            if (actual[i].Id != i + 1)
            {
                differences.Add($"event at position {i + 1} has id {actual[i].Id}");
                break;
            }
        }

        if (expected.Count != actual.Count)
        {
            differences.Add($"{actual.Count} events, uninterrupted {expected.Count}");
        }

        CompareSequence(differences, "top level (with ids)", TopLevel(expected).Select(WithId).ToList(), TopLevel(actual).Select(WithId).ToList());
        var expectedLanes = Lanes(expected);
        var actualLanes = Lanes(actual);
        foreach (var lane in expectedLanes.Keys.Union(actualLanes.Keys).Order(StringComparer.Ordinal))
        {
            CompareSequence(differences, lane, expectedLanes.GetValueOrDefault(lane, []), actualLanes.GetValueOrDefault(lane, []));
        }

        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var e in expected)
        {
            counts[Line(e)] = counts.GetValueOrDefault(Line(e)) + 1;
        }

        foreach (var e in actual)
        {
            counts[Line(e)] = counts.GetValueOrDefault(Line(e)) - 1;
        }

        foreach (var (line, count) in counts.Where(c => c.Value != 0).OrderBy(c => c.Key, StringComparer.Ordinal))
        {
            differences.Add(count < 0 ? $"{-count}× more than uninterrupted: {line}" : $"{count}× fewer than uninterrupted: {line}");
        }

        return differences;
    }

    /// <summary>An event without its id, timestamp and journal.</summary>
    public static string Line(StoredEvent e) => string.Create(
        CultureInfo.InvariantCulture,
        $"{e.Type} state={e.StateName} index={e.Index} scope={e.Scope ?? "-"} visit={e.Visit} data={e.Data?.ToJsonString()} extra={e.Extra?.ToJsonString()}");

    private static string WithId(StoredEvent e) => string.Create(CultureInfo.InvariantCulture, $"#{e.Id} {Line(e)}");

    /// <summary>
    /// The execution's own events and its top-level states' (scope ""), but for a Map's iteration events (an index), whose
    /// order follows the iterations' timing.
    /// </summary>
    private static IEnumerable<StoredEvent> TopLevel(IReadOnlyList<StoredEvent> events) =>
        events.Where(e => (e.Scope == string.Empty && e.Index < 0) || e.Type.StartsWith("Execution", StringComparison.Ordinal));

    /// <summary>The events of every nested scope, and the MapIteration* events of every index, in their order.</summary>
    private static Dictionary<string, List<string>> Lanes(IReadOnlyList<StoredEvent> events)
    {
        var lanes = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var e in events)
        {
            var lane = e.Scope is { Length: > 0 } scope ? "scope " + scope
                : e.Index >= 0 ? string.Create(CultureInfo.InvariantCulture, $"{e.StateName} iteration {e.Index}")
                : null;
            if (lane is not null)
            {
                if (!lanes.TryGetValue(lane, out var list))
                {
                    lanes[lane] = list = [];
                }

                list.Add(Line(e));
            }
        }

        return lanes;
    }

    private static void CompareSequence(List<string> differences, string lane, IReadOnlyList<string> expected, IReadOnlyList<string> actual)
    {
        for (var i = 0; i < Math.Max(expected.Count, actual.Count); i++)
        {
            var want = i < expected.Count ? expected[i] : "(nothing)";
            var got = i < actual.Count ? actual[i] : "(nothing)";
            if (want != got)
            {
                differences.Add($"{lane}, event {i + 1}: {got}; uninterrupted: {want}");
                return;
            }
        }
    }
}
