using System.Diagnostics;
using StepFlow.Testing.Time;

namespace StepFlow.Tests.Time;

public sealed class AutoAdvancingTimeProviderTests
{
    private static readonly DateTimeOffset Start = new(2030, 5, 6, 7, 8, 9, TimeSpan.Zero);

    [Fact]
    public void GetUtcNow_BeforeAnyTimer_IsTheStartInstant()
    {
        var clock = new AutoAdvancingTimeProvider(Start);

        clock.GetUtcNow().Should().Be(Start);
        clock.GetUtcNow().Should().Be(Start, "the clock does not move by itself");
        clock.LocalTimeZone.Should().Be(TimeZoneInfo.Utc);
    }

    [Fact]
    public void Constructor_NonUtcStart_IsConvertedToUtc()
    {
        var clock = new AutoAdvancingTimeProvider(new DateTimeOffset(2030, 1, 1, 2, 0, 0, TimeSpan.FromHours(2)));

        clock.GetUtcNow().Offset.Should().Be(TimeSpan.Zero);
        clock.GetUtcNow().Should().Be(new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero));
    }

    [Fact]
    public async Task TaskDelay_OneHour_CompletesAtOnceAndMovesTheClockByAnHour()
    {
        var clock = new AutoAdvancingTimeProvider(Start);
        var wall = Stopwatch.StartNew();

        await Task.Delay(TimeSpan.FromHours(1), clock).WaitAsync(TimeSpan.FromSeconds(5));

        wall.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(2));
        clock.GetUtcNow().Should().Be(Start.AddHours(1));
    }

    [Fact]
    public async Task TaskDelay_Sequential_AccumulatesOnTheClock()
    {
        var clock = new AutoAdvancingTimeProvider(Start);

        await Task.Delay(TimeSpan.FromSeconds(10), clock).WaitAsync(TimeSpan.FromSeconds(5));
        await Task.Delay(TimeSpan.FromMinutes(2), clock).WaitAsync(TimeSpan.FromSeconds(5));
        await Task.Delay(TimeSpan.Zero, clock).WaitAsync(TimeSpan.FromSeconds(5));

        clock.GetUtcNow().Should().Be(Start.AddSeconds(130));
    }

    [Fact]
    public void GetElapsedTime_FollowsTheFakeClock()
    {
        var clock = new AutoAdvancingTimeProvider(Start);
        var before = clock.GetTimestamp();

        clock.Advance(TimeSpan.FromMinutes(3));

        clock.GetElapsedTime(before).Should().Be(TimeSpan.FromMinutes(3));
        clock.GetUtcNow().Should().Be(Start.AddMinutes(3));
    }

    [Fact]
    public async Task CreateTimer_FiniteDueTime_FiresOnTheThreadPoolWithItsState()
    {
        var clock = new AutoAdvancingTimeProvider(Start);
        var fired = new TaskCompletionSource<(object? State, DateTimeOffset At, bool OnPool)>(TaskCreationOptions.RunContinuationsAsynchronously);

        using var timer = clock.CreateTimer(
            s => fired.TrySetResult((s, clock.GetUtcNow(), Thread.CurrentThread.IsThreadPoolThread)),
            "payload",
            TimeSpan.FromSeconds(30),
            Timeout.InfiniteTimeSpan);
        var (state, at, onPool) = await fired.Task.WaitAsync(TimeSpan.FromSeconds(5));

        state.Should().Be("payload");
        at.Should().Be(Start.AddSeconds(30));
        onPool.Should().BeTrue();
        clock.TimersFired.Should().Be(1);
    }

    [Fact]
    public async Task CreateTimer_InfiniteDueTime_NeverFiresAndLeavesTheClock()
    {
        var clock = new AutoAdvancingTimeProvider(Start);
        var count = 0;

        using var timer = clock.CreateTimer(_ => Interlocked.Increment(ref count), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        await Task.Delay(200);

        Volatile.Read(ref count).Should().Be(0);
        clock.GetUtcNow().Should().Be(Start);
    }

    [Fact]
    public async Task Change_OnAnIdleTimer_SchedulesIt()
    {
        var clock = new AutoAdvancingTimeProvider(Start);
        var fired = new TaskCompletionSource<DateTimeOffset>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var timer = clock.CreateTimer(_ => fired.TrySetResult(clock.GetUtcNow()), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);

        timer.Change(TimeSpan.FromSeconds(7), Timeout.InfiniteTimeSpan).Should().BeTrue();

        (await fired.Task.WaitAsync(TimeSpan.FromSeconds(5))).Should().Be(Start.AddSeconds(7));
    }

    [Fact]
    public async Task Change_AfterFiring_FiresAgainFromTheNewNow()
    {
        var clock = new AutoAdvancingTimeProvider(Start);
        var firings = System.Threading.Channels.Channel.CreateUnbounded<DateTimeOffset>();
        using var timer = clock.CreateTimer(_ => firings.Writer.TryWrite(clock.GetUtcNow()), null, TimeSpan.FromSeconds(5), Timeout.InfiniteTimeSpan);
        (await firings.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(5))).Should().Be(Start.AddSeconds(5));

        timer.Change(TimeSpan.FromSeconds(20), Timeout.InfiniteTimeSpan).Should().BeTrue();

        (await firings.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(5))).Should().Be(Start.AddSeconds(25));
        await Task.Delay(100);
        firings.Reader.TryRead(out _).Should().BeFalse("a one-shot timer fires once per Change");
    }

    [Fact]
    public async Task Dispose_ThenChange_ReturnsFalseAndNeverFires()
    {
        var clock = new AutoAdvancingTimeProvider(Start);
        var count = 0;
        var timer = clock.CreateTimer(_ => Interlocked.Increment(ref count), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);

        await timer.DisposeAsync();

        timer.Change(TimeSpan.FromSeconds(1), Timeout.InfiniteTimeSpan).Should().BeFalse();
        await Task.Delay(200);
        Volatile.Read(ref count).Should().Be(0);
        clock.GetUtcNow().Should().Be(Start);
    }

    [Fact]
    public async Task CreateTimer_Periodic_FiresRepeatedlyAdvancingByThePeriodUntilDisposed()
    {
        var clock = new AutoAdvancingTimeProvider(Start);
        var times = new List<DateTimeOffset>();
        var third = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        // The callback may fire three times before CreateTimer even returns, so it never touches the timer.
        using var timer = clock.CreateTimer(
            _ =>
            {
                lock (times)
                {
                    times.Add(clock.GetUtcNow());
                    if (times.Count == 3)
                    {
                        third.TrySetResult();
                    }
                }
            },
            null,
            TimeSpan.FromSeconds(1),
            TimeSpan.FromSeconds(10));

        await third.Task.WaitAsync(TimeSpan.FromSeconds(5));
        timer.Dispose();
        await Task.Delay(100); // a callback already under way when Dispose ran may still finish
        int firedAfterDispose;
        lock (times)
        {
            firedAfterDispose = times.Count;
        }

        await Task.Delay(200);

        lock (times)
        {
            times.Take(3).Should().Equal(Start.AddSeconds(1), Start.AddSeconds(11), Start.AddSeconds(21));
            times.Should().HaveCount(firedAfterDispose, "a disposed timer fires no more");
        }
    }

    [Fact]
    public async Task CancellationTokenSource_WithTheFakeClock_CancelsAtOnce()
    {
        var clock = new AutoAdvancingTimeProvider(Start);
        using var cts = new CancellationTokenSource(TimeSpan.FromDays(1), clock);

        var cancelled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var registration = cts.Token.Register(() => cancelled.TrySetResult());
        await cancelled.Task.WaitAsync(TimeSpan.FromSeconds(5));

        cts.IsCancellationRequested.Should().BeTrue();
        clock.GetUtcNow().Should().Be(Start.AddDays(1));
    }

    [Fact]
    public void CreateTimer_NegativeDueTime_Throws()
    {
        var clock = new AutoAdvancingTimeProvider(Start);

        var act = () => clock.CreateTimer(_ => { }, null, TimeSpan.FromSeconds(-2), Timeout.InfiniteTimeSpan);

        act.Should().Throw<ArgumentOutOfRangeException>();
    }
}
