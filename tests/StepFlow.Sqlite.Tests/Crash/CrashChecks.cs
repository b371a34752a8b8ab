using System.Globalization;
using StepFlow.CrashHost;
using StepFlow.Execution;
using StepFlow.Persistence;

namespace StepFlow.Sqlite.Tests.Crash;

/// <summary>
/// The crash test's final check of the killed run's store against its ledger and against an uninterrupted run's store.
/// Every finding is a line in <see cref="Problems"/> (a lost or duplicated thing) or <see cref="HistoryDifferences"/>
/// (a history that is not the uninterrupted run's).
/// </summary>
internal sealed class CrashChecks
{
    private readonly IReadOnlyList<LedgerEntry> _ledger;
    private readonly Dictionary<string, List<LedgerEntry>> _byExecution = new(StringComparer.Ordinal);

    private CrashChecks(IReadOnlyList<LedgerEntry> ledger)
    {
        _ledger = ledger;
        foreach (var entry in ledger)
        {
            if (entry.Kind is LedgerEntryKind.TaskOutcome or LedgerEntryKind.Callback or LedgerEntryKind.Answer or LedgerEntryKind.Reasked)
            {
                var arn = TaskAttemptKey.Parse(entry.Value).Execution;
                if (!_byExecution.TryGetValue(arn, out var list))
                {
                    _byExecution[arn] = list = [];
                }

                list.Add(entry);
            }
        }
    }

    public List<string> Problems { get; } = [];

    public List<string> HistoryDifferences { get; } = [];

    public int StartsChecked { get; private set; }

    public int AnswersChecked { get; private set; }

    public int OutcomesChecked { get; private set; }

    public int AcknowledgedOutcomesChecked { get; private set; }

    public int HistoriesDiffering { get; private set; }

    public static async Task<CrashChecks> RunAsync(IExecutionStore crashed, IExecutionStore uninterrupted, IReadOnlyList<LedgerEntry> ledger, int executions)
    {
        var checks = new CrashChecks(ledger);
        var acknowledgedStarts = ledger.Where(e => e.Kind == LedgerEntryKind.Start).ToDictionary(e => int.Parse(e.Value, CultureInfo.InvariantCulture));
        for (var i = 0; i < executions; i++)
        {
            var arn = CrashWorkflow.ExecutionArn(i);
            var record = await crashed.GetAsync(arn, default);
            var expected = await uninterrupted.GetAsync(arn, default) ?? throw new InvalidOperationException($"the uninterrupted run has no {arn}");
            if (acknowledgedStarts.TryGetValue(i, out var start))
            {
                checks.StartsChecked++;
                if (record is null)
                {
                    checks.Problems.Add($"{arn}: its start was acknowledged (ledger line {start.Position + 1}, lifetime {start.Lifetime}) but the store does not hold it");
                    continue;
                }
            }

            if (record is null)
            {
                checks.Problems.Add($"{arn}: never started (the last lifetime should have started it)");
                continue;
            }

            if (record.Status != ExecutionStatus.Succeeded || record.Output?.ToJsonString() != expected.Output?.ToJsonString())
            {
                checks.Problems.Add($"{arn}: {record.Status} {record.Error} {record.Cause} with output {record.Output?.ToJsonString()}; uninterrupted: {expected.Output?.ToJsonString()}");
            }

            var events = await crashed.ReadEventsAsync(arn, default);
            checks.CheckEvents(arn, events);
            var differences = HistoryCanon.Differences(await uninterrupted.ReadEventsAsync(arn, default), events);
            if (differences.Count > 0)
            {
                checks.HistoriesDiffering++;
                checks.HistoryDifferences.AddRange(differences.Select(d => $"{arn}: {d}"));
            }
        }

        return checks;
    }

    /// <summary>Nothing completed twice; every acknowledged answer and outcome stored; no task invoked again after the engine acted on its outcome.</summary>
    private void CheckEvents(string arn, IReadOnlyList<StoredEvent> events)
    {
        var scheduled = new Dictionary<string, int>(StringComparer.Ordinal);
        var outcomes = new Dictionary<string, StoredEvent>(StringComparer.Ordinal);
        var exits = new HashSet<string>(StringComparer.Ordinal);
        var closes = 0;
        foreach (var e in events)
        {
            if (e.Type.StartsWith("Execution", StringComparison.Ordinal) && e.Type != "ExecutionStarted")
            {
                closes++;
            }

            if (e.Type.EndsWith("StateExited", StringComparison.Ordinal) && !exits.Add($"{e.Scope}/{e.Visit}"))
            {
                Problems.Add($"{arn}: state visit {e.Scope}/{e.Visit} ({e.StateName}) exited twice (event {e.Id})");
            }

            if (TaskAttemptKey.OfScheduled(e) is { } attempt)
            {
                if (outcomes.ContainsKey(attempt))
                {
                    Problems.Add($"{arn}: task attempt {attempt} scheduled again (event {e.Id}) after its outcome was stored");
                }

                scheduled[attempt] = scheduled.GetValueOrDefault(attempt) + 1;
            }
            else if (TaskAttemptKey.OfOutcome(e) is { } finished && !outcomes.TryAdd(finished, e))
            {
                Problems.Add($"{arn}: task attempt {finished} completed twice (events {outcomes[finished].Id} and {e.Id})");
            }
        }

        if (closes != 1)
        {
            Problems.Add($"{arn}: {closes} closing events");
        }

        var entries = _byExecution.GetValueOrDefault(arn, []);
        var invocations = new Dictionary<string, List<LedgerEntry>>(StringComparer.Ordinal);
        foreach (var entry in entries)
        {
            var key = TaskAttemptKey.Parse(entry.Value);
            switch (entry.Kind)
            {
                case LedgerEntryKind.Answer:
                    AnswersChecked++;
                    if (!outcomes.TryGetValue(key.Attempt, out var answered) || answered.Type != "TaskSucceeded")
                    {
                        Problems.Add($"{arn}: the answer to callback {key.Attempt} was acknowledged (ledger line {entry.Position + 1}, lifetime {entry.Lifetime}) but the store holds no TaskSucceeded for it");
                    }

                    break;
                case LedgerEntryKind.Reasked:
                    Problems.Add($"{arn}: lifetime {entry.Lifetime} handed out callback {key.Attempt} again after its answer was acknowledged (ledger line {entry.Position + 1})");
                    break;
                case LedgerEntryKind.TaskOutcome:
                    OutcomesChecked++;
                    if (!invocations.TryGetValue(key.Attempt, out var list))
                    {
                        invocations[key.Attempt] = list = [];
                    }

                    list.Add(entry);
                    if (!outcomes.ContainsKey(key.Attempt))
                    {
                        Problems.Add($"{arn}: task attempt {key.Attempt} was invoked (ledger line {entry.Position + 1}) but no outcome of it is stored");
                    }

                    break;
            }
        }

        foreach (var (attempt, list) in invocations)
        {
            if (scheduled.GetValueOrDefault(attempt) == 0)
            {
                Problems.Add($"{arn}: task attempt {attempt} was invoked {list.Count} times but no Scheduled event of it is stored");
            }

            if (list.GroupBy(e => e.Lifetime).FirstOrDefault(g => g.Count() > 1) is { } twice)
            {
                Problems.Add($"{arn}: task attempt {attempt} invoked {twice.Count()} times in lifetime {twice.Key}");
            }
        }

        foreach (var outcome in outcomes.Keys)
        {
            if (!invocations.ContainsKey(outcome) && !IsCallback(outcome, entries))
            {
                Problems.Add($"{arn}: task attempt {outcome} has a stored outcome but the ledger holds no invocation of it");
            }
        }

        CheckActedOnOutcomes(arn, entries);
    }

    /// <summary>
    /// A task outcome counts as acknowledged once the engine did something that depends on it: invoked a task, or handed
    /// out a callback token, in a later top-level state visit of the same execution (the top level runs one state at a
    /// time, and the engine stores everything before an effect leaves it). After that no lifetime may invoke the task again.
    /// </summary>
    private void CheckActedOnOutcomes(string arn, List<LedgerEntry> entries)
    {
        var acknowledgedBy = new Dictionary<string, LedgerEntry>(StringComparer.Ordinal);
        var latestEffect = (Visit: -1, Entry: (LedgerEntry?)null);
        foreach (var entry in entries)
        {
            if (entry.Kind is not (LedgerEntryKind.TaskOutcome or LedgerEntryKind.Callback))
            {
                continue;
            }

            var key = TaskAttemptKey.Parse(entry.Value);
            if (entry.Kind == LedgerEntryKind.TaskOutcome && key.TopLevelVisit < latestEffect.Visit)
            {
                Problems.Add($"{arn}: task attempt {key.Attempt} invoked again (ledger line {entry.Position + 1}, lifetime {entry.Lifetime}) after the engine acted on its outcome (ledger line {latestEffect.Entry!.Position + 1}, lifetime {latestEffect.Entry.Lifetime}: {latestEffect.Entry.Kind} {latestEffect.Entry.Value})");
            }

            if (key.TopLevelVisit > latestEffect.Visit)
            {
                latestEffect = (key.TopLevelVisit, entry);
            }

            if (entry.Kind == LedgerEntryKind.TaskOutcome)
            {
                acknowledgedBy.TryAdd(key.Attempt, entry);
            }
        }

        AcknowledgedOutcomesChecked += acknowledgedBy.Count(a => TaskAttemptKey.Parse(a.Value.Value).TopLevelVisit < latestEffect.Visit);
    }

    private static bool IsCallback(string attempt, List<LedgerEntry> entries) =>
        entries.Any(e => e.Kind == LedgerEntryKind.Callback && TaskAttemptKey.Parse(e.Value).Attempt == attempt);

    /// <summary>The lifetimes the ledger records.</summary>
    public int Lifetimes => _ledger.Count(e => e.Kind == LedgerEntryKind.Lifetime);
}
