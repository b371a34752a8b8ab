using System.Collections.Immutable;
using Microsoft.Extensions.Logging;
using Polly;
using StepFlow.Definition;
using StepFlow.Diagnostics;
using StepFlow.Errors;
using StepFlow.Execution.Executor;
using StepFlow.Execution.Journal;
using StepFlow.Json;

namespace StepFlow.Execution.Recovery;

/// <summary>
/// The Retry bookkeeping of one visit to a state that has a Retry array: the retries used per retrier and the
/// back-off in progress. The engine's Polly retry pipeline (<see cref="AslRetryPipeline"/>) reads it from the
/// <see cref="ResilienceContext"/>: its ShouldHandle asks <see cref="ShouldRetry"/>, its delay generator asks
/// <see cref="NextDelay"/>, and each attempt runs through <see cref="AttemptAsync"/>.
/// </summary>
internal sealed class RetryRun
{
    /// <summary>Where the run is kept on the Polly context.</summary>
    public static readonly ResiliencePropertyKey<RetryRun> Key = new("StepFlow.RetryRun");

    /// <summary>Timers take at most ~49.7 days: Polly waits at most this long, the next attempt waits the rest.</summary>
    private static readonly TimeSpan MaxPollyDelay = TimeSpan.FromDays(30);

    private readonly State _state;
    private readonly ImmutableArray<Retrier> _retriers;
    private readonly int[] _attempts;
    private readonly StateAttempt _attempt;
    private readonly JsonValue _input;
    private readonly Frame _frame;
    private readonly StateVisit _visit;
    private int _chosen = -1;
    private DateTimeOffset? _resumeAt;
    private string? _retriedError;

    public RetryRun(State state, ImmutableArray<Retrier> retriers, StateAttempt attempt, JsonValue input, Frame frame, StateVisit visit)
    {
        _state = state;
        _retriers = retriers;
        _attempts = new int[retriers.Length];
        _attempt = attempt;
        _input = input;
        _frame = frame;
        _visit = visit;
    }

    /// <summary>The JSONata scope of the latest attempt (null in JSONPath states).</summary>
    public JsonataScope? Scope { get; private set; }

    /// <summary>Polly's ShouldHandle: whether a failed attempt is retried (ASL's matching rules; counts the retry).</summary>
    public bool ShouldRetry(Exception? exception)
    {
        _chosen = exception is StatesErrorException error ? AslRetryRules.Choose(_retriers, _attempts, error) : -1;
        _retriedError = _chosen >= 0 ? ((StatesErrorException)exception!).Error : null;
        return _chosen >= 0;
    }

    /// <summary>
    /// Polly's delay generator: the ASL back-off of the retrier <see cref="ShouldRetry"/> chose, cut at the
    /// execution's deadline and at what a timer accepts; the next attempt waits whatever is left of it.
    /// </summary>
    public TimeSpan NextDelay()
    {
        var retrier = _retriers[_chosen];
        var delay = AslRetryRules.Delay(retrier, _attempts[_chosen], retrier.Jitter == JitterStrategy.Full ? (_frame.Run.Random ?? Random.Shared).NextDouble() : 0);
        var run = _frame.Run;
        var now = run.TimeProvider.GetUtcNow();

        // A failure replayed after a restart happened before it: its back-off started then, and only the rest is waited.
        var failedAt = _visit.ReplayedFailureTime is { } replayed && replayed < now ? replayed : now;
        _visit.ReplayedFailureTime = null;
        _resumeAt = failedAt + delay;
        delay = _resumeAt.Value - now;
        var wait = run.Deadline is { } deadline && deadline - now < delay ? deadline - now : delay;
        if (run.Engine.Telemetry.LoggerFor(LogLevel.Information) is { } logger)
        {
            EngineLog.StateRetrying(logger, run.ExecutionArn, _state.Name, _retriedError ?? string.Empty, _visit.RetryCount + 1, delay.TotalMilliseconds);
        }

        return wait <= TimeSpan.Zero ? TimeSpan.Zero : wait < MaxPollyDelay ? wait : MaxPollyDelay;
    }

    /// <summary>
    /// <see cref="NextDelay"/>, after storing the failed attempt's outcome when the execution is durable: the back-off
    /// is not journaled, so a restart during it retries from the stored failure (waiting what is left of the back-off, counted
    /// from the stored failure's time, with FULL jitter drawn anew) instead of
    /// invoking the failed attempt once more and recording it twice.
    /// </summary>
    public ValueTask<TimeSpan?> NextDelayAsync()
    {
        var delay = NextDelay();
        return _frame.Run.CheckpointsEffects ? CheckpointThenAsync(delay) : new ValueTask<TimeSpan?>(delay);
    }

    private async ValueTask<TimeSpan?> CheckpointThenAsync(TimeSpan delay)
    {
        await TaskCheckpoints.BeforeEffectAsync(_frame.Run).ConfigureAwait(false);
        return delay;
    }

    /// <summary>Runs one attempt; a retry first finishes its back-off (or times the execution out) and counts itself.</summary>
    public ValueTask<JsonValue> AttemptAsync(CancellationToken cancellationToken)
    {
        if (_resumeAt is { } resumeAt)
        {
            _resumeAt = null;
            var rest = StateExecutor.DelayUntilAsync(_frame.Run, resumeAt, cancellationToken);
            if (!rest.IsCompletedSuccessfully)
            {
                return AttemptAfterAsync(rest, cancellationToken);
            }

            _visit.RetryCount++;
        }

        return Attempt(cancellationToken);
    }

    private async ValueTask<JsonValue> AttemptAfterAsync(ValueTask rest, CancellationToken cancellationToken)
    {
        await rest.ConfigureAwait(false);
        _visit.RetryCount++;
        return await Attempt(cancellationToken).ConfigureAwait(false);
    }

    private ValueTask<JsonValue> Attempt(CancellationToken cancellationToken)
    {
        var scope = _state.Jsonata is null ? null : StateExecutor.NewJsonataScope(_input, _visit, _frame);
        Scope = scope;
        return _attempt(_state, _input, scope, _frame, _visit, cancellationToken);
    }
}
