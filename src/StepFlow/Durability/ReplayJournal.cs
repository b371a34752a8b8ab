using StepFlow.History;
using StepFlow.Json;

namespace StepFlow.Durability;

/// <summary>
/// What a resumed or redriven execution already did, read from its stored events: the state visits that finished (they
/// are not run again: their output, next state and assignments are taken as recorded), and — when resuming after a
/// restart — the visits that were under way and the task outcomes they had already received. Read-only once built.
/// </summary>
internal sealed class ReplayJournal
{
    private readonly Dictionary<(string Scope, int Visit), CompletedVisit> _completed = [];
    private readonly Dictionary<(string Scope, int Visit), OpenVisit> _open = [];
    private readonly Dictionary<(string Scope, int Visit, int Attempt), TaskOutcome> _outcomes = [];
    private readonly Dictionary<ProgressKey, StoredCount> _progress = [];

    private ReplayJournal()
    {
    }

    /// <summary>The token secret the execution started with; null when it never recorded one.</summary>
    public string? Secret { get; private set; }

    /// <summary>
    /// Builds the journal. <paramref name="resumeOpenVisits"/> is true after a restart (visits under way carry on, task
    /// outcomes already received are kept) and false for a redrive (unfinished visits run again from their start).
    /// </summary>
    public static ReplayJournal Build(IEnumerable<HistoryRecord> records, long firstId, int generation, bool resumeOpenVisits)
    {
        var journal = new ReplayJournal();
        var id = firstId;
        foreach (var record in records)
        {
            journal.Add(record, id++, generation, resumeOpenVisits);
        }

        foreach (var key in journal._completed.Keys)
        {
            journal._open.Remove(key);
        }

        return journal;
    }

    public bool TryGetCompleted(string scope, int visit, out CompletedVisit completed) =>
        _completed.TryGetValue((scope, visit), out completed!);

    public bool TryGetOpen(string scope, int visit, out OpenVisit open) => _open.TryGetValue((scope, visit), out open!);

    public bool TryGetTaskOutcome(string scope, int visit, int attempt, out TaskOutcome outcome) =>
        _outcomes.TryGetValue((scope, visit, attempt), out outcome!);

    /// <summary>
    /// Whether the store holds this progress event of a visit under way that it has not been matched with yet: a visit
    /// resumed after a restart runs again from its start and meets its stored events in the order it recorded them, so
    /// the first n occurrences of an event of a visit attempt are the n stored ones. Each call consumes one occurrence.
    /// Thread-safe: the table is not changed after it is built, and each count is taken with one interlocked decrement.
    /// </summary>
    public bool TryConsumeProgress(string scope, int visit, int attempt, string type, int index) =>
        _progress.Count > 0 &&
        _progress.TryGetValue(new ProgressKey(scope, visit, attempt, type, index), out var stored) &&
        Interlocked.Decrement(ref stored.Left) >= 0;

    private void Add(HistoryRecord record, long id, int generation, bool resumeOpenVisits)
    {
        if (record.Journal is not { } entry)
        {
            return;
        }

        switch (entry.Kind)
        {
            case JournalKind.Started:
                Secret ??= entry.Secret;
                break;
            case JournalKind.Exited when entry.Scope is not null && record.Data is not null:
                _completed[(entry.Scope, entry.Visit)] = new CompletedVisit(record.StateName ?? string.Empty, record.Data, entry.Next, entry.Assign);
                break;
            case JournalKind.Entered when resumeOpenVisits && entry.Generation == generation && entry.Scope is not null:
                _open.TryAdd((entry.Scope, entry.Visit), new OpenVisit(id, new DateTimeOffset(record.UtcTicks, TimeSpan.Zero)));
                break;
            case JournalKind.TaskOutcome when resumeOpenVisits && entry.Generation == generation && entry.Scope is not null:
                _outcomes[(entry.Scope, entry.Visit, entry.Attempt)] = TaskOutcome.From(record);
                break;
            case JournalKind.Progress when resumeOpenVisits && entry.Generation == generation && entry.Scope is not null:
                var key = new ProgressKey(entry.Scope, entry.Visit, entry.Attempt, record.Type, record.Index);
                if (_progress.TryGetValue(key, out var count))
                {
                    count.Left++;
                }
                else
                {
                    _progress[key] = new StoredCount { Left = 1 };
                }

                break;
        }
    }

    private readonly record struct ProgressKey(string Scope, int Visit, int Attempt, string Type, int Index);

    /// <summary>How many stored occurrences of a progress event are not yet matched by the resumed run.</summary>
    private sealed class StoredCount
    {
        public int Left;
    }
}

/// <summary>A state visit that finished: what it produced and where the execution went.</summary>
internal sealed record CompletedVisit(string StateName, JsonValue Output, string? Next, JsonObject? Assign);

/// <summary>A state visit that was under way when the execution stopped: its Entered event.</summary>
internal sealed record OpenVisit(long EnteredEventId, DateTimeOffset EnteredTime);

/// <summary>A task attempt's recorded outcome: the result, or the error and cause.</summary>
internal sealed record TaskOutcome(JsonValue? Result, string? Error, string? Cause)
{
    /// <summary>When the outcome was recorded (UTC ticks).</summary>
    public long UtcTicks { get; init; }

    public static TaskOutcome From(HistoryRecord record)
    {
        if (record.Type.EndsWith("Succeeded", StringComparison.Ordinal))
        {
            return new TaskOutcome(record.Data ?? JsonValue.Null, null, null) { UtcTicks = record.UtcTicks };
        }

        var error = record.Extra is { } extra && extra.TryGetValue("error", out var e) && e is JsonString name ? name.Value : null;
        var cause = record.Extra is { } details && details.TryGetValue("cause", out var c) && c is JsonString text ? text.Value : null;
        if (error is null && record.Type.EndsWith("TimedOut", StringComparison.Ordinal))
        {
            error = Errors.StatesErrorNames.Timeout;
        }

        return new TaskOutcome(null, error ?? Errors.StatesErrorNames.TaskFailed, cause) { UtcTicks = record.UtcTicks };
    }
}
