using System.Collections.Concurrent;
using Microsoft.Extensions.Time.Testing;
using StepFlow.Definition;
using StepFlow.Execution;
using StepFlow.Json;
using StepFlow.Parsing;
using StepFlow.Tasks;

namespace StepFlow.Tests.Tasks;

/// <summary>A fake clock that counts the timers created on it, so a test can wait until the engine is waiting.</summary>
internal sealed class CountingClock : FakeTimeProvider
{
    private readonly ConcurrentQueue<TimeSpan> _dueTimes = new();
    private int _timers;

    public CountingClock()
        : base(new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero))
    {
    }

    /// <summary>How many times a timer was armed with a finite due time.</summary>
    public int TimersCreated => Volatile.Read(ref _timers);

    /// <summary>The due time of every timer created so far, in order (a retry back-off or a timeout shows here exactly).</summary>
    public TimeSpan[] DueTimes => [.. _dueTimes];

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        // Count a timer once it is armed with a finite due time (at creation, or later through Change, as a
        // CancellationTokenSource's CancelAfter does), and only after that: a test that advances the clock as soon as
        // it sees the count must not move time before the timer is due to fire.
        var timer = new ArmedTimer(this, base.CreateTimer(callback, state, dueTime, period));
        if (dueTime != Timeout.InfiniteTimeSpan)
        {
            Armed(dueTime);
        }

        return timer;
    }

    private void Armed(TimeSpan dueTime)
    {
        _dueTimes.Enqueue(dueTime);
        Interlocked.Increment(ref _timers);
    }

    /// <summary>Waits (bounded by <paramref name="cancellationToken"/>) until at least <paramref name="count"/> timers exist.</summary>
    public async Task WaitForTimersAsync(int count, CancellationToken cancellationToken)
    {
        while (TimersCreated < count)
        {
            await Task.Delay(1, cancellationToken);
        }
    }

    private sealed class ArmedTimer(CountingClock owner, ITimer inner) : ITimer
    {
        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            var changed = inner.Change(dueTime, period);
            if (changed && dueTime != Timeout.InfiniteTimeSpan)
            {
                owner.Armed(dueTime);
            }

            return changed;
        }

        public void Dispose() => inner.Dispose();

        public ValueTask DisposeAsync() => inner.DisposeAsync();
    }
}

/// <summary>A task handler that hands each invocation to the test.</summary>
internal sealed class CapturingHandler
{
    private readonly ConcurrentQueue<TaskInvocation> _seen = new();
    private readonly SemaphoreSlim _arrived = new(0);
    private readonly Func<TaskInvocation, JsonValue>? _reply;

    public CapturingHandler(Func<TaskInvocation, JsonValue>? reply = null) => _reply = reply;

    public int Count => _seen.Count;

    public JsonValue Handle(TaskInvocation invocation)
    {
        _seen.Enqueue(invocation);
        _arrived.Release();
        return _reply?.Invoke(invocation) ?? JsonObject.Create(("submitted", JsonValue.True));
    }

    /// <summary>The next invocation, bounded by <paramref name="cancellationToken"/>.</summary>
    public async Task<TaskInvocation> NextAsync(CancellationToken cancellationToken)
    {
        await _arrived.WaitAsync(cancellationToken);
        _seen.TryDequeue(out var invocation).Should().BeTrue();
        return invocation!;
    }
}

internal static class TaskTestHost
{
    /// <summary>Every wait in these tests is bounded by this guard (a hang fails the test instead of the run).</summary>
    public static CancellationTokenSource Guard() => new(TimeSpan.FromSeconds(30));

    public static Task<ExecutionResult> StartAsync(
        StepFlowEngine engine,
        string definition,
        string input = "{}",
        ExecutionOptions? options = null,
        CancellationToken cancellationToken = default) =>
        Task.Run(
            () => engine.ExecuteAsync(StateMachine.Parse(definition), JsonValue.Parse(input), options ?? new ExecutionOptions { ExecutionName = "test" }, cancellationToken),
            CancellationToken.None);

    public static string[] EventTypes(this ExecutionResult result) => [.. result.History.Select(e => e.Type)];

    public static string Str(this JsonValue value, string member) =>
        value is JsonObject o && o.TryGetValue(member, out var v) && v is JsonString s ? s.Value : throw new InvalidOperationException($"no string '{member}' in {value}");
}
