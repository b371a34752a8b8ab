using System.Security.Cryptography;
using System.Text;
using StepFlow.Errors;
using StepFlow.Execution;
using StepFlow.Execution.Callbacks;
using StepFlow.History;
using StepFlow.Json;
using StepFlow.Tasks;

namespace StepFlow.Execution.Journal;

/// <summary>
/// The durability rules around a task attempt: a checkpoint before anything leaves the engine (an invocation, a token, an
/// activity task) and after its outcome arrives; an outcome already stored is taken, not asked for again; tokens
/// derived from the execution's secret, so a task resumed after a restart keeps its token.
/// </summary>
internal static class TaskCheckpoints
{
    /// <summary>Commits every event so far when the store is durable; completes at once otherwise.</summary>
    public static Task BeforeEffectAsync(RunContext run) =>
        run.CheckpointsEffects && run.Log is { } log ? log.CheckpointAsync() : Task.CompletedTask;

    /// <summary>
    /// In a Parallel branch or Map iteration of a durable execution, starts committing a task attempt's outcome without
    /// waiting for it: a sibling may hold the execution for long (its own task, a callback), and the finished task's
    /// result should not wait for that sibling's next checkpoint — a crash meanwhile would invoke it again. At the top
    /// level the next task's checkpoint, or the execution's end, follows at once.
    /// </summary>
    public static void AfterOutcome(Frame frame)
    {
        if (frame.Run.CheckpointsEffects && frame.Run.Log is { } log && frame.Scope is { Length: > 0 } && frame.History.IsRecording)
        {
            log.CheckpointInBackground();
        }
    }

    /// <summary>The journal of a task attempt's outcome event.</summary>
    public static VisitJournal? Outcome(Frame frame, StateVisit visit) =>
        frame.Scope is { } scope ? VisitJournal.TaskOutcome(scope, frame.CurrentVisit, frame.Run.Generation, visit.RetryCount) : null;

    /// <summary>
    /// When this attempt's outcome is already stored (the execution resumed after a restart), returns its result, or
    /// throws its error; false when the attempt must run.
    /// </summary>
    public static bool TryReplay(Frame frame, StateVisit visit, out JsonValue result)
    {
        if (frame.Run.Replay is { } replay && frame.Scope is { } scope &&
            replay.TryGetTaskOutcome(scope, frame.CurrentVisit, visit.RetryCount, out var outcome))
        {
            if (outcome.Result is { } value)
            {
                result = value;
                return true;
            }

            visit.ReplayedFailureTime = new DateTimeOffset(outcome.UtcTicks, TimeSpan.Zero);
            throw new StatesErrorException(outcome.Error ?? StatesErrorNames.TaskFailed, outcome.Cause);
        }

        result = JsonValue.Null;
        return false;
    }

    /// <summary>Where <paramref name="visit"/> runs: the position a handler's idempotency key names.</summary>
    public static TaskAttempt Attempt(Frame frame, StateVisit visit) => new(frame.Scope ?? string.Empty, frame.CurrentVisit, frame.Run.Generation);

    /// <summary>A task token: random, or — for a journaled execution — derived from its secret and the attempt.</summary>
    public static string Token(Frame frame, StateVisit visit, string purpose)
    {
        if (frame.Run.TokenSecret is not { } secret || frame.Scope is not { } scope)
        {
            return TaskTokenRegistry.NewToken();
        }

        var label = string.Create(
            System.Globalization.CultureInfo.InvariantCulture,
            $"{purpose}|{scope}|{frame.CurrentVisit}|{frame.Run.Generation}|{visit.RetryCount}");
        var mac = HMACSHA256.HashData(Convert.FromBase64String(secret), Encoding.UTF8.GetBytes(label));
        return TaskTokenRegistry.FromBytes(mac);
    }

    /// <summary>A new random secret for a journaled execution.</summary>
    public static string NewSecret() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
}
