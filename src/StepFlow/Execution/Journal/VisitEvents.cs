using StepFlow.Execution;
using StepFlow.History;
using StepFlow.Json;

namespace StepFlow.Execution.Journal;

/// <summary>
/// Records the events of a state visit other than its entry, exit and task outcomes — a task scheduled, started or
/// submitted, a Map or Parallel started, succeeded or failed, a Map iteration started or ended, an evaluation failure —
/// so that a resumed execution does not record them twice. In a journaled execution each carries a progress journal
/// (its scope, visit and attempt); a visit resumed after a restart runs again from its start, and an event the store
/// already holds for it is matched with the stored one instead of being recorded again, so a recovered history equals
/// an uninterrupted run's. Outside journaled executions an event is recorded as it is.
/// </summary>
internal static class VisitEvents
{
    /// <summary>Records the event, unless the store holds it for this visit attempt already (a resumed visit).</summary>
    public static void Add(
        Frame frame, StateVisit visit, string type, string? stateName = null, JsonValue? data = null, JsonObject? extra = null, int index = -1, long utcTicks = 0)
    {
        if (frame.Scope is not { } scope)
        {
            frame.History.Add(type, stateName, data, extra, index, utcTicks);
            return;
        }

        var visitNumber = frame.CurrentVisit;
        if (frame.Run.Replay is { } replay && replay.TryConsumeProgress(scope, visitNumber, visit.RetryCount, type, index))
        {
            return;
        }

        frame.History.Add(type, stateName, data, extra, index, utcTicks, Journal(frame, visit, scope, visitNumber));
    }

    /// <summary>One journal for all progress events of a visit attempt (a Map's thousand iteration events share it).</summary>
    private static VisitJournal Journal(Frame frame, StateVisit visit, string scope, int visitNumber)
    {
        if (visit.ProgressJournal is { } journal && journal.Attempt == visit.RetryCount && journal.Visit == visitNumber &&
            ReferenceEquals(journal.Scope, scope))
        {
            return journal;
        }

        journal = VisitJournal.Progress(scope, visitNumber, frame.Run.Generation, visit.RetryCount);
        visit.ProgressJournal = journal;
        return journal;
    }
}
