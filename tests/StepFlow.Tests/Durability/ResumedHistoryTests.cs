using Microsoft.Extensions.Time.Testing;
using StepFlow.Definition;
using StepFlow.Durability;
using StepFlow.Errors;
using StepFlow.Execution;
using StepFlow.History;
using StepFlow.Json;
using StepFlow.Parsing;
using StepFlow.Persistence;
using StepFlow.Service;
using StepFlow.Tasks;
using static StepFlow.Tests.Durability.Waits;

namespace StepFlow.Tests.Durability;

/// <summary>
/// A recovered history equals an uninterrupted run's, event for event (ids, types, names, indexes, data and details;
/// timestamps aside): each case is run once without interruption, then once per checkpoint boundary with the process
/// "dying" right after that commit, resumed by a new engine on the same store, and its full history compared.
/// </summary>
public sealed class ResumedHistoryTests
{
    private const string MachineArn = "arn:aws:states:us-east-1:123456789012:stateMachine:Flow";

    [Fact]
    public Task Resume_TaskChain_HistoryEqualsAnUninterruptedRun() => AssertEveryCrashPointResumesToTheSameHistoryAsync("""
        {"StartAt":"A","States":{
          "A":{"Type":"Task","Resource":"arn:aws:lambda:us-east-1:123456789012:function:work","Parameters":{"key":"A"},"ResultPath":"$.a","Next":"P"},
          "P":{"Type":"Pass","Result":1,"ResultPath":"$.p","Next":"B"},
          "B":{"Type":"Task","Resource":"arn:aws:lambda:us-east-1:123456789012:function:work","Parameters":{"key":"B"},"ResultPath":"$.b","End":true}}}
        """);

    [Fact]
    public Task Resume_InlineMap_HistoryEqualsAnUninterruptedRun() => AssertEveryCrashPointResumesToTheSameHistoryAsync("""
        {"StartAt":"M","States":{"M":{"Type":"Map","ItemsPath":"$.items","MaxConcurrency":1,"End":true,
          "ItemProcessor":{"StartAt":"T","States":{
            "T":{"Type":"Task","Resource":"arn:aws:lambda:us-east-1:123456789012:function:work","Parameters":{"key.$":"$"},"Next":"After"},
            "After":{"Type":"Pass","End":true}}}}}}
        """);

    [Fact]
    public Task Resume_DistributedMap_HistoryEqualsAnUninterruptedRun() => AssertEveryCrashPointResumesToTheSameHistoryAsync("""
        {"StartAt":"M","States":{"M":{"Type":"Map","ItemsPath":"$.items","MaxConcurrency":1,"End":true,
          "ItemProcessor":{"ProcessorConfig":{"Mode":"DISTRIBUTED","ExecutionType":"STANDARD"},"StartAt":"T","States":{
            "T":{"Type":"Task","Resource":"arn:aws:lambda:us-east-1:123456789012:function:work","Parameters":{"key.$":"$"},"End":true}}}}}}
        """);

    [Fact]
    public Task Resume_Parallel_HistoryEqualsAnUninterruptedRun() => AssertEveryCrashPointResumesToTheSameHistoryAsync("""
        {"StartAt":"Both","States":{"Both":{"Type":"Parallel","Next":"Last","Branches":[
          {"StartAt":"L","States":{"L":{"Type":"Task","Resource":"arn:aws:lambda:us-east-1:123456789012:function:work","Parameters":{"key":"L"},"End":true}}},
          {"StartAt":"R","States":{"R":{"Type":"Task","Resource":"arn:aws:lambda:us-east-1:123456789012:function:work","Parameters":{"key":"R"},"End":true}}}]},
          "Last":{"Type":"Task","Resource":"arn:aws:lambda:us-east-1:123456789012:function:work","Parameters":{"key":"Last"},"End":true}}}
        """, concurrent: true);

    [Fact]
    public Task Resume_MapNestedInParallel_HistoryEqualsAnUninterruptedRun() => AssertEveryCrashPointResumesToTheSameHistoryAsync("""
        {"StartAt":"Both","States":{"Both":{"Type":"Parallel","End":true,"Branches":[
          {"StartAt":"M","States":{"M":{"Type":"Map","ItemsPath":"$.items","MaxConcurrency":1,"End":true,
            "ItemProcessor":{"StartAt":"T","States":{"T":{"Type":"Task","Resource":"arn:aws:lambda:us-east-1:123456789012:function:work","Parameters":{"key.$":"$"},"End":true}}}}}},
          {"StartAt":"R","States":{"R":{"Type":"Pass","Result":"right","End":true}}}]}}}
        """, concurrent: true);

    [Fact]
    public Task Resume_RetryInProgress_HistoryEqualsAnUninterruptedRun() => AssertEveryCrashPointResumesToTheSameHistoryAsync("""
        {"StartAt":"Flaky","States":{
          "Flaky":{"Type":"Task","Resource":"arn:aws:lambda:us-east-1:123456789012:function:work","Parameters":{"key":"flaky"},"Next":"Done",
            "Retry":[{"ErrorEquals":["Flaky"],"IntervalSeconds":1,"MaxAttempts":3,"BackoffRate":1.0}]},
          "Done":{"Type":"Pass","End":true}}}
        """);

    [Fact]
    public Task Resume_MapRetriedAfterAFailedIteration_HistoryEqualsAnUninterruptedRun() => AssertEveryCrashPointResumesToTheSameHistoryAsync("""
        {"StartAt":"M","States":{"M":{"Type":"Map","ItemsPath":"$.items","MaxConcurrency":1,"End":true,
          "Retry":[{"ErrorEquals":["Flaky"],"IntervalSeconds":1,"MaxAttempts":1}],
          "ItemProcessor":{"StartAt":"T","States":{"T":{"Type":"Task","Resource":"arn:aws:lambda:us-east-1:123456789012:function:work","Parameters":{"key.$":"$","mapFlaky":true},"End":true}}}}}}
        """);

    [Fact]
    public Task Resume_WaitThenTask_HistoryEqualsAnUninterruptedRun() => AssertEveryCrashPointResumesToTheSameHistoryAsync("""
        {"StartAt":"A","States":{
          "A":{"Type":"Task","Resource":"arn:aws:lambda:us-east-1:123456789012:function:work","Parameters":{"key":"A"},"ResultPath":"$.a","Next":"W"},
          "W":{"Type":"Wait","Seconds":2,"Next":"B"},
          "B":{"Type":"Task","Resource":"arn:aws:lambda:us-east-1:123456789012:function:work","Parameters":{"key":"B"},"ResultPath":"$.b","End":true}}}
        """);

    [Fact]
    public Task Resume_Callback_HistoryEqualsAnUninterruptedRun() => AssertEveryCrashPointResumesToTheSameHistoryAsync("""
        {"StartAt":"Ask","States":{
          "Ask":{"Type":"Task","Resource":"arn:aws:states:::sqs:sendMessage.waitForTaskToken","Parameters":{"key":"Ask"},"ResultPath":"$.answer","Next":"After"},
          "After":{"Type":"Task","Resource":"arn:aws:lambda:us-east-1:123456789012:function:work","Parameters":{"key":"After"},"End":true}}}
        """);

    [Fact]
    public Task Resume_CaughtFailure_HistoryEqualsAnUninterruptedRun() => AssertEveryCrashPointResumesToTheSameHistoryAsync("""
        {"StartAt":"Both","States":{"Both":{"Type":"Parallel","End":true,
          "Catch":[{"ErrorEquals":["States.ALL"],"ResultPath":"$.error","Next":"Handled"}],
          "Branches":[{"StartAt":"Bad","States":{"Bad":{"Type":"Task","Resource":"arn:aws:lambda:us-east-1:123456789012:function:work","Parameters":{"key":"bad","fail":true},"End":true}}}]},
          "Handled":{"Type":"Task","Resource":"arn:aws:lambda:us-east-1:123456789012:function:work","Parameters":{"key":"handled"},"End":true}}}
        """);

    /// <summary>
    /// Runs <paramref name="definition"/> without interruption, then once per commit k = 1, 2, … with the store dying
    /// right after commit k (nothing later reaches it), resumes it on a new engine and compares the whole history: ids
    /// 1..n each following the one before, and every running graph's events (the machine's, each branch's and
    /// iteration's) equal in content and order. Where nothing runs concurrently (<paramref name="concurrent"/> false) the
    /// histories must be equal as a whole; where branches run side by side, how their events interleave is timing, in
    /// an uninterrupted run as much as in a resumed one.
    /// </summary>
    private static async Task AssertEveryCrashPointResumesToTheSameHistoryAsync(string definition, bool concurrent = false)
    {
        var input = JsonValue.Parse("""{"items":["x","y","z"]}""");
        var (reference, referenceStored, referenceCommits) = await RunAsync(definition, input, crashAfterCommit: null);
        referenceCommits.Should().BeGreaterThan(1);
        var crashes = 0;
        for (var k = 1; k <= 200; k++)
        {
            var (history, stored, _) = await RunAsync(definition, input, crashAfterCommit: k);
            if (history is null)
            {
                break;
            }

            crashes++;
            var because = $"a crash right after commit {k} must not change the history";
            history.Select(e => (e.Id, e.PreviousEventId)).Should().Equal(Enumerable.Range(1, reference!.Count).Select(i => ((long)i, (long)i - 1)), because);
            ByGraph(stored!).Should().BeEquivalentTo(ByGraph(referenceStored!), o => o.WithStrictOrdering(), because);
            if (!concurrent)
            {
                Render(history).Should().Equal(Render(reference), because);
            }
        }

        // Background checkpoints batch differently from run to run, so the number of commits varies a little.
        crashes.Should().BeGreaterThanOrEqualTo(Math.Min(referenceCommits - 1, 3), "every checkpoint boundary is tried");
    }

    /// <summary>
    /// One run; with <paramref name="crashAfterCommit"/> the store dies after that commit and a second engine recovers
    /// the execution. Returns the final history (null when the run made fewer commits than that) and the commits made.
    /// </summary>
    private static async Task<(IReadOnlyList<HistoryEvent>? History, IReadOnlyList<StoredEvent>? Stored, int Commits)> RunAsync(string definition, JsonValue input, int? crashAfterCommit)
    {
        var shared = new InMemoryExecutionStore();
        using var clock = new PumpedClock();
        var first = new CrashableStore(shared);
        if (crashAfterCommit is { } k)
        {
            first.CrashAfterCommit(_ => first.Commits == k);
        }

        var engine = Build(definition, first, clock.Time);
        var started = await engine.StartExecutionAsync(MachineArn, input, "resumed");
        var closed = engine.WaitForExecutionAsync(started.ExecutionArn, Bounded());
        await Task.WhenAny(closed, first.Crashed).WaitAsync(TimeSpan.FromSeconds(30));
        if (crashAfterCommit is null || !first.Crashed.IsCompleted)
        {
            var described = await closed;
            described.Status.Should().Be(ExecutionStatus.Succeeded);
            var history = await engine.GetExecutionHistoryAsync(new GetExecutionHistoryRequest { ExecutionArn = started.ExecutionArn, MaxResults = 1000 });
            await engine.ShutdownAsync();
            return crashAfterCommit is null
                ? (history.Events, await shared.ReadEventsAsync(started.ExecutionArn, default), first.Commits)
                : (null, null, first.Commits);
        }

        await engine.ShutdownAsync();
        _ = closed.ContinueWith(t => t.Exception, TaskScheduler.Default);

        var second = new CrashableStore(shared);
        var recovered = Build(definition, second, clock.Time);
        var report = await recovered.RecoverAsync();
        report.Unrecoverable.Should().BeEmpty();
        var done = await recovered.WaitForExecutionAsync(started.ExecutionArn, Bounded());
        done.Status.Should().Be(ExecutionStatus.Succeeded, $"the run resumed after commit {crashAfterCommit} ({done.Error}: {done.Cause})");
        var events = (await recovered.GetExecutionHistoryAsync(new GetExecutionHistoryRequest { ExecutionArn = started.ExecutionArn, MaxResults = 1000 })).Events;
        await recovered.ShutdownAsync();
        return (events, await shared.ReadEventsAsync(started.ExecutionArn, default), first.Commits);
    }

    private static StepFlowEngine Build(string definition, CrashableStore store, TimeProvider clock)
    {
        StepFlowEngine? engine = null;
        engine = StepFlowEngine.CreateBuilder()
            .AddTaskHandler("arn:aws:lambda:*", Handle)
            .AddTaskHandler("arn:aws:states:::sqs:sendMessage", invocation =>
            {
                var token = invocation.TaskToken!;
                _ = Task.Run(async () =>
                {
                    try
                    {
                        await engine!.SendTaskSuccessAsync(token, JsonValue.Parse("""{"approved":true}"""));
                    }
                    catch (Exception)
                    {
                        // The "process" died meanwhile: the resumed task is asked again.
                    }
                });
                return JsonValue.Parse("""{"MessageId":"m-1"}""");
            })
            .AddStateMachine("Flow", StateMachine.Parse(definition))
            .UseExecutionStore(store)
            .UseTimeProvider(clock)
            .Build();
        return engine;
    }

    /// <summary>
    /// Echoes its input's key. Fails attempts 0 and 1 of "flaky", item y in the Map's first attempt (its scope in the
    /// idempotency key is "/0.0i…": visit 0 of the machine, attempt 0), and whatever asks to "fail".
    /// </summary>
    private static JsonValue Handle(TaskInvocation invocation)
    {
        var input = (JsonObject)invocation.Input;
        var key = input.TryGetValue("key", out var k) && k is JsonString text ? text.Value : "?";
        if (input.TryGetValue("fail", out _) ||
            (key == "flaky" && invocation.RetryCount < 2) ||
            (input.TryGetValue("mapFlaky", out _) && key == "y" && invocation.IdempotencyKey!.Contains("#/0.0i", StringComparison.Ordinal)))
        {
            throw new StatesErrorException(key == "bad" ? "Bad" : "Flaky", $"attempt {invocation.RetryCount} of {key} failed");
        }

        return JsonObject.Create(("done", JsonValue.From(key)));
    }

    /// <summary>The stored events of each running graph (by scope; execution events under ""), in order, journals included.</summary>
    private static SortedDictionary<string, List<string>> ByGraph(IReadOnlyList<StoredEvent> events)
    {
        var graphs = new SortedDictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var e in events)
        {
            var key = e.Scope is null ? "(execution)" : "scope " + e.Scope;
            if (!graphs.TryGetValue(key, out var list))
            {
                graphs[key] = list = [];
            }

            // The execution's own journal holds its token secret, which differs between runs.
            var journal = e.Scope is null ? null : e.Journal?.ToJsonString();
            list.Add($"{e.Type} {e.StateName} [{e.Index}] visit {e.Visit} {e.Data?.ToJsonString()} {e.Extra?.ToJsonString()} {journal}");
        }

        return graphs;
    }

    private static List<string> Render(IReadOnlyList<HistoryEvent> events) =>
        [.. events.Select(e => $"{e.Id} prev={e.PreviousEventId} {e.Type} {e.StateName} [{e.Index}] {e.Data?.ToJsonString()} {e.Extra?.ToJsonString()}")];

    /// <summary>A fake clock that moves on by itself (a second every millisecond), so Waits and retry back-offs pass at once.</summary>
    private sealed class PumpedClock : IDisposable
    {
        private readonly CancellationTokenSource _stop = new();

        public PumpedClock()
        {
            _ = Task.Run(async () =>
            {
                while (!_stop.IsCancellationRequested)
                {
                    Time.Advance(TimeSpan.FromSeconds(1));
                    await Task.Delay(1);
                }
            });
        }

        public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero));

        public void Dispose() => _stop.Cancel();
    }
}
