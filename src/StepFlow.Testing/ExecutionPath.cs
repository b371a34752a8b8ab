using StepFlow.History;
using StepFlow.Json;

namespace StepFlow.Testing;

/// <summary>
/// Reads the state visits out of a history: each <c>*StateEntered</c> event opens a visit; the events that follow it
/// (by <c>previousEventId</c>, which chains the events of each branch and iteration) belong to it, until its
/// <c>*StateExited</c> event closes it with its output; every attempt started in it (<c>TaskScheduled</c>,
/// <c>LambdaFunctionScheduled</c>, <c>ActivityScheduled</c>, <c>ParallelStateStarted</c>, <c>MapStateStarted</c>) after
/// the first is a retry. Nested states of a Parallel or Map are visits of their own.
/// </summary>
internal static class ExecutionPath
{
    public static StateVisitRecord[] Read(IReadOnlyList<HistoryEvent> history)
    {
        var visits = new List<Visit>();
        var byEvent = new Dictionary<long, Visit>();
        foreach (var e in history)
        {
            if (e.Type.EndsWith("StateEntered", StringComparison.Ordinal) && e.StateName is { } name)
            {
                var entered = new Visit(name, e.Type, e.Data ?? JsonValue.Null);
                visits.Add(entered);
                byEvent[e.Id] = entered;
                continue;
            }

            // An event belongs to the visit of the event it follows (previousEventId chains each branch and iteration).
            var exited = e.Type.EndsWith("StateExited", StringComparison.Ordinal) && e.StateName is not null;
            if (!byEvent.TryGetValue(e.PreviousEventId, out var visit) || visit.Closed || (exited && visit.Name != e.StateName))
            {
                // A Parallel's or Map's exit follows its branches' events: the latest open visit of that name.
                visit = exited ? visits.FindLast(v => !v.Closed && v.Name == e.StateName) : null;
                if (visit is null)
                {
                    continue;
                }
            }

            if (exited)
            {
                visit.Output = e.Data ?? JsonValue.Null;
                visit.Closed = true;
                continue;
            }

            if (IsAttemptStart(e.Type))
            {
                visit.Attempts++;
            }

            byEvent[e.Id] = visit;
        }

        return visits.Select(v => new StateVisitRecord(v.Name, v.EnteredType, v.Input, v.Output, Math.Max(0, v.Attempts - 1))).ToArray();
    }

    private static bool IsAttemptStart(string type) =>
        type is HistoryEventTypes.TaskScheduled or HistoryEventTypes.LambdaFunctionScheduled or HistoryEventTypes.ActivityScheduled
            or HistoryEventTypes.ParallelStateStarted or HistoryEventTypes.MapStateStarted;

    private sealed class Visit(string name, string enteredType, JsonValue input)
    {
        public string Name { get; } = name;

        public string EnteredType { get; } = enteredType;

        public JsonValue Input { get; } = input;

        public JsonValue? Output { get; set; }

        public int Attempts { get; set; }

        public bool Closed { get; set; }
    }
}
