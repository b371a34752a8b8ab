using System.Globalization;
using StepFlow.Json;
using StepFlow.Persistence;

namespace StepFlow.Sqlite.Tests.Crash;

/// <summary>
/// A task attempt as the crash test names it: "scope/visit#generation.attempt", the tail of its idempotency key
/// ("execution#state#scope/visit#generation.attempt"), and the top-level state visit it belongs to (whose end orders it
/// before everything the execution does in a later top-level visit).
/// </summary>
internal readonly record struct TaskAttemptKey(string Execution, string Attempt, int TopLevelVisit)
{
    /// <summary>Reads an idempotency key.</summary>
    public static TaskAttemptKey Parse(string idempotencyKey)
    {
        var parts = idempotencyKey.Split('#');
        if (parts.Length != 4)
        {
            throw new FormatException($"'{idempotencyKey}' is not an idempotency key (execution#state#scope/visit#generation.attempt).");
        }

        var slash = parts[2].LastIndexOf('/');
        var scope = parts[2][..slash];
        var visit = parts[2][(slash + 1)..];
        return new TaskAttemptKey(parts[0], parts[2] + "#" + parts[3], TopLevel(scope, visit));
    }

    /// <summary>The attempt a stored task outcome event belongs to; null for any other event.</summary>
    public static string? OfOutcome(StoredEvent stored) =>
        Kind(stored) == (int)StepFlow.History.JournalKind.TaskOutcome ? AttemptOf(stored) : null;

    /// <summary>The attempt a stored *Scheduled event belongs to; null for any other event.</summary>
    public static string? OfScheduled(StoredEvent stored) =>
        stored.Type.EndsWith("Scheduled", StringComparison.Ordinal) && Kind(stored) == (int)StepFlow.History.JournalKind.Progress ? AttemptOf(stored) : null;

    private static long Kind(StoredEvent stored) =>
        stored.Journal is { } journal && journal.TryGetValue("kind", out var kind) && kind is JsonNumber number && number.TryGetInt64(out var n) ? n : -1;

    private static string? AttemptOf(StoredEvent stored)
    {
        if (stored.Scope is null || stored.Journal is null || !stored.Journal.TryGetValue("attempt", out var attempt))
        {
            return null;
        }

        var generation = stored.Journal.TryGetValue("gen", out var g) ? g.ToJsonString() : "0";
        return string.Create(CultureInfo.InvariantCulture, $"{stored.Scope}/{stored.Visit}#{generation}.{attempt.ToJsonString()}");
    }

    /// <summary>The top-level visit: the visit itself at the top level ("" scope), else the first step of the scope ("/3.0i1" → 3).</summary>
    private static int TopLevel(string scope, string visit)
    {
        var text = scope.Length == 0 ? visit : scope[1..].Split('.', '/')[0];
        return int.Parse(text, NumberStyles.None, CultureInfo.InvariantCulture);
    }
}
