using System.Collections.Concurrent;
using Microsoft.Extensions.Time.Testing;
using StepFlow.Definition;
using StepFlow.Durability;
using StepFlow.Execution;
using StepFlow.History;
using StepFlow.Json;
using StepFlow.Parsing;
using StepFlow.Persistence;
using StepFlow.Service;
using static StepFlow.Tests.Durability.Waits;

namespace StepFlow.Tests.Durability;

public sealed class CrashRecoveryTests
{
    private const string MachineArn = "arn:aws:states:us-east-1:123456789012:stateMachine:Flow";

    private const string Chain = """
        {"StartAt":"A","States":{
          "A":{"Type":"Task","Resource":"arn:aws:lambda:us-east-1:123456789012:function:work","Parameters":{"key":"A"},"ResultPath":"$.a","Next":"B"},
          "B":{"Type":"Task","Resource":"arn:aws:lambda:us-east-1:123456789012:function:work","Parameters":{"key":"B"},"ResultPath":"$.b","Next":"P"},
          "P":{"Type":"Pass","Parameters":{"a.$":"$.a.done","b.$":"$.b.done","c.$":"States.UUID()"},"Next":"C"},
          "C":{"Type":"Task","Resource":"arn:aws:lambda:us-east-1:123456789012:function:work","Parameters":{"key":"C"},"ResultPath":"$.c","End":true}}}
        """;

    private readonly InMemoryExecutionStore _shared = new();

    [Fact]
    public async Task Recover_TaskInFlightAtCrash_FinishedTasksAreNotCalledAgainAndTheOutputIsComplete()
    {
        var first = new HandlerLog();
        first.Hold("B");
        var (engine, store) = Build(Chain, first);
        var started = await engine.StartExecutionAsync(MachineArn, JsonObject.Empty, "crash-1");
        await Eventually(() => first.Calls("B") == 1);
        await CrashAsync(engine, store);

        var second = new HandlerLog();
        var (recovered, _) = Build(Chain, second);
        var report = await recovered.RecoverAsync();
        var described = await recovered.WaitForExecutionAsync(started.ExecutionArn, Bounded());

        report.Resumed.Should().Equal(started.ExecutionArn);
        described.Status.Should().Be(ExecutionStatus.Succeeded);
        Field(described.Output!, "a").ToJsonString().Should().Be("\"A\"");
        Field(described.Output!, "b").ToJsonString().Should().Be("\"B\"");
        Field(Field(described.Output!, "c"), "done").ToJsonString().Should().Be("\"C\"");
        (first.Calls("A") + second.Calls("A")).Should().Be(1, "A finished before the crash");
        second.Calls("B").Should().Be(1, "B was in flight, so it is invoked once more");
        (first.Calls("C") + second.Calls("C")).Should().Be(1);
        var keysOfB = first.IdempotencyKeys.Concat(second.IdempotencyKeys).Where(k => k.StartsWith("B=", StringComparison.Ordinal)).Distinct().ToList();
        keysOfB.Should().ContainSingle("the re-invocation carries the same idempotency key");
    }

    [Fact]
    public async Task Recover_CrashRightAfterACallbackAnswerWasStored_TakesTheStoredAnswerInsteadOfAskingAgain()
    {
        const string definition = """
            {"StartAt":"Ask","States":{
              "Ask":{"Type":"Task","Resource":"arn:aws:states:::sqs:sendMessage.waitForTaskToken","Parameters":{"token.$":"$$.Task.Token"},"ResultPath":"$.answer","Next":"After"},
              "After":{"Type":"Pass","End":true}}}
            """;
        var asked = new ConcurrentQueue<string>();
        var (engine, store) = Build(definition, new HandlerLog(), configure: b => b.AddTaskHandler("arn:aws:states:::sqs:sendMessage", i =>
        {
            asked.Enqueue(i.TaskToken!);
            return JsonObject.Empty;
        }));
        store.CrashAfterCommit(writes => writes.Any(w => w.Events.Any(e => e.Type == HistoryEventTypes.TaskSucceeded)));
        var started = await engine.StartExecutionAsync(MachineArn, JsonObject.Empty, "after-answer");
        await Eventually(() => asked.Count == 1);
        await engine.SendTaskSuccessAsync(asked.Single(), JsonValue.Parse("""{"ok":true}"""));
        await engine.ShutdownAsync();
        var stored = await _shared.ReadEventsAsync(started.ExecutionArn, default);
        stored.Select(e => e.Type).Should().Contain(HistoryEventTypes.TaskSucceeded).And.NotContain(HistoryEventTypes.TaskStateExited);

        var askedAgain = new ConcurrentQueue<string>();
        var (recovered, _) = Build(definition, new HandlerLog(), configure: b => b.AddTaskHandler("arn:aws:states:::sqs:sendMessage", i =>
        {
            askedAgain.Enqueue(i.TaskToken!);
            return JsonObject.Empty;
        }));
        await recovered.RecoverAsync();
        var described = await recovered.WaitForExecutionAsync(started.ExecutionArn, Bounded());

        described.Status.Should().Be(ExecutionStatus.Succeeded);
        askedAgain.Should().BeEmpty("the answer was stored before SendTaskSuccess returned");
        Field(described.Output!, "answer").ToJsonString().Should().Be("""{"ok":true}""");
    }

    [Fact]
    public async Task Recover_CrashDuringARetryBackOff_RetriesInsteadOfInvokingTheFailedAttemptAgain()
    {
        const string definition = """
            {"StartAt":"A","States":{"A":{"Type":"Task","Resource":"arn:aws:lambda:us-east-1:123456789012:function:flaky",
              "Retry":[{"ErrorEquals":["Flaky"],"IntervalSeconds":100,"MaxAttempts":2}],"End":true}}}
            """;
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero));
        var attempts = new ConcurrentQueue<int>();
        Action<StepFlowEngineBuilder> flaky = b => b.AddTaskHandler("arn:aws:lambda:us-east-1:123456789012:function:flaky", i =>
        {
            attempts.Enqueue(i.RetryCount);
            return i.RetryCount == 0 ? throw new Errors.StatesErrorException("Flaky", "first attempt") : JsonObject.Create(("ok", JsonValue.True));
        });
        var (engine, store) = Build(definition, new HandlerLog(), clock, flaky);
        var started = await engine.StartExecutionAsync(MachineArn, JsonObject.Empty, "backing-off");
        await Eventually(
            async () => (await _shared.ReadEventsAsync(started.ExecutionArn, default)).Any(e => e.Type == HistoryEventTypes.LambdaFunctionFailed));
        await CrashAsync(engine, store);

        var (recovered, _) = Build(definition, new HandlerLog(), clock, flaky);
        await recovered.RecoverAsync();
        var waiting = recovered.WaitForExecutionAsync(started.ExecutionArn);
        var watch = System.Diagnostics.Stopwatch.StartNew();
        while (!waiting.IsCompleted && watch.Elapsed < TimeSpan.FromSeconds(20))
        {
            clock.Advance(TimeSpan.FromSeconds(10));
            await Task.Delay(5);
        }

        (await waiting).Status.Should().Be(ExecutionStatus.Succeeded);
        attempts.Should().Equal([0, 1], "the failed attempt's outcome was stored: only the retry runs after the restart");
        var history = await _shared.ReadEventsAsync(started.ExecutionArn, default);
        history.Count(e => e.Type == HistoryEventTypes.LambdaFunctionScheduled).Should().Be(2, "one per attempt, none repeated");
    }

    [Fact]
    public async Task Recover_CrashDuringARetryBackOff_WaitsOnlyWhatWasLeftOfIt()
    {
        const string definition = """
            {"StartAt":"A","States":{"A":{"Type":"Task","Resource":"arn:aws:lambda:us-east-1:123456789012:function:flaky",
              "Retry":[{"ErrorEquals":["Flaky"],"IntervalSeconds":100,"MaxAttempts":2}],"End":true}}}
            """;
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero));
        Action<StepFlowEngineBuilder> flaky = b => b.AddTaskHandler("arn:aws:lambda:us-east-1:123456789012:function:flaky", i =>
            i.RetryCount == 0 ? throw new Errors.StatesErrorException("Flaky", "first attempt") : JsonObject.Create(("ok", JsonValue.True)));
        var (engine, store) = Build(definition, new HandlerLog(), clock, flaky);
        var started = await engine.StartExecutionAsync(MachineArn, JsonObject.Empty, "backing-off");
        await Eventually(
            async () => (await _shared.ReadEventsAsync(started.ExecutionArn, default)).Any(e => e.Type == HistoryEventTypes.LambdaFunctionFailed));
        await CrashAsync(engine, store);
        clock.Advance(TimeSpan.FromSeconds(60));

        var (recovered, _) = Build(definition, new HandlerLog(), clock, flaky);
        await recovered.RecoverAsync();
        var waiting = recovered.WaitForExecutionAsync(started.ExecutionArn);
        var watch = System.Diagnostics.Stopwatch.StartNew();
        while (!waiting.IsCompleted && watch.Elapsed < TimeSpan.FromSeconds(20))
        {
            clock.Advance(TimeSpan.FromSeconds(1));
            await Task.Delay(5);
        }

        (await waiting).Status.Should().Be(ExecutionStatus.Succeeded);
        var history = await _shared.ReadEventsAsync(started.ExecutionArn, default);
        var failed = history.Single(e => e.Type == HistoryEventTypes.LambdaFunctionFailed).Timestamp;
        var retried = history.Where(e => e.Type == HistoryEventTypes.LambdaFunctionScheduled).Last().Timestamp;
        (retried - failed).Should().BeCloseTo(TimeSpan.FromSeconds(100), TimeSpan.FromSeconds(1), "60 s of the 100 s back-off passed while the engine was down");
    }

    [Fact]
    public async Task Recover_CrashRightAfterATaskOutcomeWasStored_TakesTheStoredOutcomeInsteadOfInvokingAgain()
    {
        const string definition = """
            {"StartAt":"Both","States":{"Both":{"Type":"Parallel","End":true,"Branches":[
              {"StartAt":"L","States":{"L":{"Type":"Task","Resource":"arn:aws:lambda:us-east-1:123456789012:function:work","Parameters":{"key":"L"},"End":true}}},
              {"StartAt":"R","States":{"R":{"Type":"Task","Resource":"arn:aws:lambda:us-east-1:123456789012:function:work","Parameters":{"key":"R"},"End":true}}}]}}}
            """;
        var first = new HandlerLog();
        first.Hold("L");
        first.Hold("R");
        var (engine, store) = Build(definition, first);
        var started = await engine.StartExecutionAsync(MachineArn, JsonObject.Empty, "after-outcome");
        await Eventually(() => first.Calls("L") == 1 && first.Calls("R") == 1);

        // L's outcome is committed on its own (R is still held): the "process" dies right after that commit.
        store.CrashAfterCommit(writes => writes.Any(w => w.Events.Any(e => e.Type == HistoryEventTypes.LambdaFunctionSucceeded)));
        first.Release("L");
        await store.Crashed.WaitAsync(Bounded());
        await engine.ShutdownAsync();
        var stored = await _shared.ReadEventsAsync(started.ExecutionArn, default);
        stored.Count(e => e.Type == HistoryEventTypes.LambdaFunctionSucceeded).Should().Be(1);
        stored.Select(e => e.Type).Should().NotContain(HistoryEventTypes.TaskStateExited, "the crash came between L's stored outcome and its state's end");

        var second = new HandlerLog();
        var (recovered, _) = Build(definition, second);
        await recovered.RecoverAsync();
        var described = await recovered.WaitForExecutionAsync(started.ExecutionArn, Bounded());
        var history = await recovered.GetExecutionHistoryAsync(new GetExecutionHistoryRequest { ExecutionArn = started.ExecutionArn, MaxResults = 1000 });

        described.Status.Should().Be(ExecutionStatus.Succeeded);
        described.Output!.ToJsonString().Should().Be("""[{"done":"L"},{"done":"R"}]""");
        first.Calls("L").Should().Be(1);
        second.Calls("L").Should().Be(0, "L's outcome was stored, so it is taken from the store");
        second.Calls("R").Should().Be(1, "R was in flight");
        history.Events.Count(e => e.Type == HistoryEventTypes.LambdaFunctionScheduled).Should().Be(2, "nothing is scheduled twice");
        history.Events.Count(e => e.Type == HistoryEventTypes.LambdaFunctionSucceeded).Should().Be(2);
    }

    [Fact]
    public async Task Recover_HistoryIsKeptAndContinuesWithoutGaps()
    {
        var first = new HandlerLog();
        first.Hold("C");
        var (engine, store) = Build(Chain, first);
        var started = await engine.StartExecutionAsync(MachineArn, JsonObject.Empty, "crash-2");
        await Eventually(() => first.Calls("C") == 1);
        await CrashAsync(engine, store);

        var (recovered, _) = Build(Chain, new HandlerLog());
        await recovered.RecoverAsync();
        await recovered.WaitForExecutionAsync(started.ExecutionArn, Bounded());
        var history = await recovered.GetExecutionHistoryAsync(new GetExecutionHistoryRequest { ExecutionArn = started.ExecutionArn, MaxResults = 1000 });

        history.Events.Select(e => e.Id).Should().Equal(Enumerable.Range(1, history.Events.Count).Select(i => (long)i));
        history.Events.Count(e => e.Type == HistoryEventTypes.ExecutionStarted).Should().Be(1);
        history.Events.Count(e => e.Type == HistoryEventTypes.PassStateExited).Should().Be(1, "the Pass finished before the crash and is not run again");
        history.Events.Count(e => e.Type == HistoryEventTypes.TaskStateEntered && e.StateName == "C").Should().Be(1, "the visit under way carries on");
        history.Events[^1].Type.Should().Be(HistoryEventTypes.ExecutionSucceeded);
    }

    [Fact]
    public async Task Recover_WaitKeepsItsOriginalDueTime()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero));
        const string definition = """{"StartAt":"W","States":{"W":{"Type":"Wait","Seconds":100,"Next":"Done"},"Done":{"Type":"Pass","End":true}}}""";
        var (engine, store) = Build(definition, new HandlerLog(), clock);
        var started = await engine.StartExecutionAsync(MachineArn, JsonObject.Empty, "waiting");
        await Eventually(async () => (await _shared.ReadEventsAsync(started.ExecutionArn, default)).Any(e => e.Type == HistoryEventTypes.WaitStateEntered));
        clock.Advance(TimeSpan.FromSeconds(60));
        await CrashAsync(engine, store);

        var (recovered, _) = Build(definition, new HandlerLog(), clock);
        await recovered.RecoverAsync();
        var waiting = recovered.WaitForExecutionAsync(started.ExecutionArn);
        await Task.Delay(50);
        waiting.IsCompleted.Should().BeFalse("40 seconds of the wait are left");
        var watch = System.Diagnostics.Stopwatch.StartNew();
        while (!waiting.IsCompleted && watch.Elapsed < TimeSpan.FromSeconds(20))
        {
            clock.Advance(TimeSpan.FromSeconds(5));
            await Task.Delay(5);
        }

        var described = await waiting;
        described.Status.Should().Be(ExecutionStatus.Succeeded);
        described.StopDate.Should().BeOnOrAfter(described.StartDate.AddSeconds(100)).And.BeBefore(described.StartDate.AddSeconds(110));
    }

    [Fact]
    public async Task Recover_CallbackTokenHandedOutBeforeTheCrash_StillCompletesTheTask()
    {
        const string definition = """
            {"StartAt":"Ask","States":{"Ask":{"Type":"Task","Resource":"arn:aws:states:::sqs:sendMessage.waitForTaskToken",
              "Parameters":{"key":"Ask","token.$":"$$.Task.Token"},"End":true}}}
            """;
        var tokens = new ConcurrentQueue<string>();
        var (engine, store) = Build(definition, new HandlerLog(), configure: b => b.AddTaskHandler("arn:aws:states:::sqs:sendMessage", i =>
        {
            tokens.Enqueue(i.TaskToken!);
            return JsonObject.Empty;
        }));
        var started = await engine.StartExecutionAsync(MachineArn, JsonObject.Empty, "callback");
        await Eventually(() => !tokens.IsEmpty);
        await CrashAsync(engine, store);

        var resent = new ConcurrentQueue<string>();
        var (recovered, _) = Build(definition, new HandlerLog(), configure: b => b.AddTaskHandler("arn:aws:states:::sqs:sendMessage", i =>
        {
            resent.Enqueue(i.TaskToken!);
            return JsonObject.Empty;
        }));
        await recovered.RecoverAsync();
        await Eventually(() => !resent.IsEmpty);
        await recovered.SendTaskSuccessAsync(tokens.Single(), JsonValue.Parse("""{"approved":true}"""));
        var described = await recovered.WaitForExecutionAsync(started.ExecutionArn, Bounded());

        resent.Single().Should().Be(tokens.Single(), "the resumed task keeps the token it handed out");
        described.Status.Should().Be(ExecutionStatus.Succeeded);
        described.Output!.ToJsonString().Should().Be("""{"approved":true}""");
    }

    [Fact]
    public async Task Recover_ParallelBranchThatFinished_IsNotRunAgain()
    {
        const string definition = """
            {"StartAt":"Both","States":{"Both":{"Type":"Parallel","End":true,"Branches":[
              {"StartAt":"L","States":{"L":{"Type":"Task","Resource":"arn:aws:lambda:us-east-1:123456789012:function:work","Parameters":{"key":"L"},"End":true}}},
              {"StartAt":"R","States":{"R":{"Type":"Task","Resource":"arn:aws:lambda:us-east-1:123456789012:function:work","Parameters":{"key":"R"},"End":true}}}]}}}
            """;
        var first = new HandlerLog();
        first.Hold("R");
        var (engine, store) = Build(definition, first);
        var started = await engine.StartExecutionAsync(MachineArn, JsonObject.Empty, "parallel");
        await Eventually(() => first.Calls("R") == 1 && first.Calls("L") == 1);
        await Eventually(async () => (await _shared.ReadEventsAsync(started.ExecutionArn, default)).Count(e => e.Type == HistoryEventTypes.LambdaFunctionSucceeded) == 1);
        await CrashAsync(engine, store);

        var second = new HandlerLog();
        var (recovered, _) = Build(definition, second);
        await recovered.RecoverAsync();
        var described = await recovered.WaitForExecutionAsync(started.ExecutionArn, Bounded());

        described.Status.Should().Be(ExecutionStatus.Succeeded);
        described.Output!.ToJsonString().Should().Be("""[{"done":"L"},{"done":"R"}]""");
        second.Calls("L").Should().Be(0);
        second.Calls("R").Should().Be(1);
    }

    [Fact]
    public async Task ParallelBranchTaskFinishes_SiblingStillHeld_ItsOutcomeIsStoredWithoutWaitingForTheSibling()
    {
        const string definition = """
            {"StartAt":"Both","States":{"Both":{"Type":"Parallel","End":true,"Branches":[
              {"StartAt":"L","States":{"L":{"Type":"Task","Resource":"arn:aws:lambda:us-east-1:123456789012:function:work","Parameters":{"key":"L"},"End":true}}},
              {"StartAt":"R","States":{"R":{"Type":"Task","Resource":"arn:aws:lambda:us-east-1:123456789012:function:work","Parameters":{"key":"R"},"End":true}}}]}}}
            """;
        var log = new HandlerLog();
        log.Hold("L");
        log.Hold("R");
        var (engine, _) = Build(definition, log);
        var started = await engine.StartExecutionAsync(MachineArn, JsonObject.Empty, "held-sibling");
        await Eventually(() => log.Calls("L") == 1 && log.Calls("R") == 1);

        log.Release("L");

        // Both tasks' checkpoints are behind; nothing else would commit while R is held.
        await Eventually(async () => (await _shared.ReadEventsAsync(started.ExecutionArn, default)).Any(e => e.Type == HistoryEventTypes.LambdaFunctionSucceeded));
        log.Release("R");
        (await engine.WaitForExecutionAsync(started.ExecutionArn, Bounded())).Status.Should().Be(ExecutionStatus.Succeeded);
        await engine.ShutdownAsync();
    }

    [Fact]
    public async Task Recover_RegisteredDefinitionChanged_ResumesWithTheDefinitionItStartedWith()
    {
        var first = new HandlerLog();
        first.Hold("B");
        var (engine, store) = Build(Chain, first);
        var started = await engine.StartExecutionAsync(MachineArn, JsonObject.Empty, "changed");
        await Eventually(() => first.Calls("B") == 1);
        await CrashAsync(engine, store);

        const string changed = """{"StartAt":"X","States":{"X":{"Type":"Pass","Result":"new version","End":true}}}""";
        var (recovered, _) = Build(changed, new HandlerLog());
        await recovered.RecoverAsync();
        var described = await recovered.WaitForExecutionAsync(started.ExecutionArn, Bounded());

        described.Status.Should().Be(ExecutionStatus.Succeeded);
        Field(Field(described.Output!, "c"), "done").ToJsonString().Should().Be("\"C\"", "an execution keeps the definition it started with");
    }

    [Fact]
    public async Task Recover_StoredDefinitionThatNoLongerParses_IsReportedAndLeftUntouched()
    {
        var broken = new ExecutionRecord
        {
            ExecutionArn = "arn:aws:states:us-east-1:123456789012:execution:Flow:broken",
            Name = "broken",
            StateMachineArn = MachineArn,
            Definition = (JsonObject)JsonValue.Parse("""{"StartAt":"Nowhere","States":{}}"""),
            Input = JsonObject.Empty,
            Status = ExecutionStatus.Running,
            StartDate = DateTimeOffset.UnixEpoch,
        };
        await _shared.TryCreateAsync(broken, [], default);
        var (engine, _) = Build(Chain, new HandlerLog());

        var report = await engine.RecoverAsync();

        report.Resumed.Should().BeEmpty();
        report.Unrecoverable.Should().ContainSingle().Which.Reason.Should().Contain("MISSING_TRANSITION_TARGET").And.Contain("no longer parses");
        (await _shared.GetAsync(broken.ExecutionArn, default))!.Status.Should().Be(ExecutionStatus.Running);
    }

    [Fact]
    public async Task Checkpoint_StoreFullWhileRunning_StopsAtTheLastCheckpointAndResumesLater()
    {
        var first = new HandlerLog();
        first.Hold("B");
        var (engine, store) = Build(Chain, first);
        var started = await engine.StartExecutionAsync(MachineArn, JsonObject.Empty, "full-disk");
        await Eventually(() => first.Calls("B") == 1);
        store.FailCommits(true);
        first.Release("B");

        var waiting = async () => await engine.WaitForExecutionAsync(started.ExecutionArn, Bounded());

        (await waiting.Should().ThrowAsync<ExecutionStoreException>()).Which.Message.Should().Contain("disk is full");
        (await _shared.GetAsync(started.ExecutionArn, default))!.Status.Should().Be(ExecutionStatus.Running);

        var second = new HandlerLog();
        var (recovered, _) = Build(Chain, second);
        await recovered.RecoverAsync();
        var described = await recovered.WaitForExecutionAsync(started.ExecutionArn, Bounded());
        described.Status.Should().Be(ExecutionStatus.Succeeded);
        second.Calls("A").Should().Be(0);
    }

    [Fact]
    public async Task Checkpoint_DurableStore_CommitsBeforeEveryTaskInvocation()
    {
        var (engine, store) = Build(Chain, new HandlerLog());
        var started = await engine.StartExecutionAsync(MachineArn, JsonObject.Empty, "counted");
        await engine.WaitForExecutionAsync(started.ExecutionArn, Bounded());

        store.Commits.Should().BeGreaterThanOrEqualTo(4, "one before each of the 3 task invocations, and the final write");
    }

    private (StepFlowEngine Engine, CrashableStore Store) Build(string definition, HandlerLog log, TimeProvider? clock = null, Action<StepFlowEngineBuilder>? configure = null)
    {
        var store = new CrashableStore(_shared);
        var builder = StepFlowEngine.CreateBuilder()
            .AddTaskHandler("arn:aws:lambda:*", log.Echo())
            .AddStateMachine("Flow", StateMachine.Parse(definition))
            .UseExecutionStore(store);
        if (clock is not null)
        {
            builder.UseTimeProvider(clock);
        }

        configure?.Invoke(builder);
        return (builder.Build(), store);
    }

    private static async Task CrashAsync(StepFlowEngine engine, CrashableStore store)
    {
        store.Crash();
        await engine.ShutdownAsync();
    }

    private static JsonValue Field(JsonValue value, string name) => ((JsonObject)value)[name];
}
