using StepFlow.Json;

namespace StepFlow.History;

/// <summary>
/// What a journaled execution writes beside an event so it can resume or be redriven: which state visit the event belongs
/// to (<see cref="Scope"/>, <see cref="Visit"/>, the redrive <see cref="Generation"/>) and, on a state's Exited event,
/// where the execution went next and what it assigned; on a task outcome event, the attempt. Set when the event is
/// recorded and never changed.
/// </summary>
/// <remarks>
/// Public for execution stores that keep the journal in a compact form of their own (see
/// <see cref="Persistence.RecordedEvents.Record"/> and <see cref="Persistence.IEventPreEncoder"/>): such a store writes
/// the fields of <see cref="Kind"/>, and reads them back through the factory of that kind and <see cref="ToJson"/>,
/// which gives the <see cref="Persistence.StoredEvent.Journal"/> every store returns. A store that keeps
/// <see cref="Persistence.StoredEvent.Journal"/> as it is never needs this type.
/// </remarks>
public sealed class VisitJournal
{
    private const string NextField = "next";
    private const string EndField = "end";
    private const string AssignField = "assign";
    private const string SecretField = "secret";
    private const string GenerationField = "gen";
    private const string AttemptField = "attempt";
    private const string KindField = "kind";

    private VisitJournal(JournalKind kind, string? scope, int visit, int generation)
    {
        Kind = kind;
        Scope = scope;
        Visit = visit;
        Generation = generation;
    }

    /// <summary>Which event of a visit this is.</summary>
    public JournalKind Kind { get; }

    /// <summary>The running graph: <c>""</c> for the machine, then <c>/&lt;visit&gt;.&lt;attempt&gt;b&lt;branch&gt;</c>, <c>…i&lt;index&gt;</c> (a Map iteration) or <c>…r&lt;index&gt;</c> (a distributed Map's child, whose events are not kept) per level.</summary>
    public string? Scope { get; }

    /// <summary>The 0-based state visit within <see cref="Scope"/>.</summary>
    public int Visit { get; }

    /// <summary>The execution's redrive count when the event was recorded.</summary>
    public int Generation { get; }

    /// <summary>On an Exited event: the next state's name; null when the graph ended there.</summary>
    public string? Next { get; private init; }

    /// <summary>On an Exited event: the variables the state assigned (their values), if any.</summary>
    public JsonObject? Assign { get; private init; }

    /// <summary>On a task outcome or a progress event: the attempt (the state's retry count).</summary>
    public int Attempt { get; private init; }

    /// <summary>On ExecutionStarted: the execution's secret from which its task tokens are derived.</summary>
    public string? Secret { get; private init; }

    /// <summary>The journal of a state's StateEntered event: visit <paramref name="visit"/> in <paramref name="scope"/>.</summary>
    public static VisitJournal Entered(string scope, int visit, int generation) => new(JournalKind.Entered, scope, visit, generation);

    /// <summary>
    /// The journal of a state's StateExited event: where the graph went next (<paramref name="next"/>, null when it ended)
    /// and the variables the state assigned, if any.
    /// </summary>
    public static VisitJournal Exited(string scope, int visit, int generation, string? next, JsonObject? assign) =>
        new(JournalKind.Exited, scope, visit, generation) { Next = next, Assign = assign };

    /// <summary>The journal of a task attempt's outcome event (succeeded, failed or timed out) of attempt <paramref name="attempt"/>.</summary>
    public static VisitJournal TaskOutcome(string scope, int visit, int generation, int attempt) =>
        new(JournalKind.TaskOutcome, scope, visit, generation) { Attempt = attempt };

    /// <summary>
    /// The journal of an event of attempt <paramref name="attempt"/> of a state visit other than its entry, exit and task
    /// outcome (a task scheduled or started, a Map or Parallel started, a Map iteration started or ended, ...).
    /// </summary>
    public static VisitJournal Progress(string scope, int visit, int generation, int attempt) =>
        new(JournalKind.Progress, scope, visit, generation) { Attempt = attempt };

    /// <summary>The journal of the ExecutionStarted event: the execution's task-token secret.</summary>
    public static VisitJournal Started(string secret) => new(JournalKind.Started, null, -1, 0) { Secret = secret };

    /// <summary>The fields a store keeps in <see cref="Persistence.StoredEvent.Journal"/> (scope and visit have their own).</summary>
    public JsonObject ToJson()
    {
        var builder = new JsonObjectBuilder(5).Set(KindField, JsonValue.From((int)Kind));
        if (Generation != 0)
        {
            builder.Set(GenerationField, JsonValue.From(Generation));
        }

        switch (Kind)
        {
            case JournalKind.Exited:
                builder.Set(Next is null ? EndField : NextField, Next is null ? JsonValue.True : JsonValue.From(Next));
                if (Assign is not null)
                {
                    builder.Set(AssignField, Assign);
                }

                break;
            case JournalKind.TaskOutcome or JournalKind.Progress:
                builder.Set(AttemptField, JsonValue.From(Attempt));
                break;
            case JournalKind.Started:
                builder.Set(SecretField, JsonValue.From(Secret!));
                break;
        }

        return builder.Build();
    }

    /// <summary>Reads back what <see cref="ToJson"/> wrote; null when the event carried no journal.</summary>
    internal static VisitJournal? FromStored(string? scope, int visit, JsonObject? journal)
    {
        if (journal is null || !journal.TryGetValue(KindField, out var kindValue) || kindValue is not JsonNumber kindNumber ||
            !kindNumber.TryGetInt64(out var kind) || !Enum.IsDefined((JournalKind)kind))
        {
            return null;
        }

        var generation = Int(journal, GenerationField);
        return (JournalKind)kind switch
        {
            JournalKind.Exited => new VisitJournal(JournalKind.Exited, scope, visit, generation)
            {
                Next = journal.TryGetValue(NextField, out var n) && n is JsonString next ? next.Value : null,
                Assign = journal.TryGetValue(AssignField, out var a) ? a as JsonObject : null,
            },
            JournalKind.TaskOutcome or JournalKind.Progress => new VisitJournal((JournalKind)kind, scope, visit, generation) { Attempt = Int(journal, AttemptField) },
            JournalKind.Started => new VisitJournal(JournalKind.Started, null, -1, 0)
            {
                Secret = journal.TryGetValue(SecretField, out var s) && s is JsonString secret ? secret.Value : null,
            },
            _ => new VisitJournal(JournalKind.Entered, scope, visit, generation),
        };
    }

    private static int Int(JsonObject journal, string field) =>
        journal.TryGetValue(field, out var value) && value is JsonNumber number && number.TryGetInt64(out var n) ? (int)n : 0;
}

/// <summary>The kinds of journaled events.</summary>
public enum JournalKind
{
    /// <summary>ExecutionStarted: carries the token secret.</summary>
    Started,

    /// <summary>A state was entered.</summary>
    Entered,

    /// <summary>A state exited: its output, next state and assignments are final.</summary>
    Exited,

    /// <summary>A task attempt's outcome (succeeded, failed or timed out).</summary>
    TaskOutcome,

    /// <summary>
    /// Any other event of a state visit's attempt: a task scheduled (it is invoked only after this event is stored) or
    /// started, a Map or Parallel started, a Map iteration started or ended, ... A visit resumed after a restart does
    /// not record it again. (Stored as the value that meant "task scheduled" before other events had it.)
    /// </summary>
    Progress,
}
