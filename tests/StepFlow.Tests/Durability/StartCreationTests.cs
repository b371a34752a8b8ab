using StepFlow.Definition;
using StepFlow.Execution;
using StepFlow.History;
using StepFlow.Json;
using StepFlow.Parsing;
using StepFlow.Persistence;
using StepFlow.Service;
using static StepFlow.Tests.Durability.Waits;

namespace StepFlow.Tests.Durability;

/// <summary>
/// StartExecution runs the execution while its creation commits: nothing it does reaches the outside or the store before
/// it exists there, and an execution that cannot be created leaves nothing behind.
/// </summary>
public sealed class StartCreationTests
{
    private const string MachineArn = "arn:aws:states:us-east-1:123456789012:stateMachine:Flow";

    private const string TaskFirst = """
        {"StartAt":"Work","States":{
          "Work":{"Type":"Task","Resource":"arn:aws:lambda:us-east-1:123456789012:function:work","Parameters":{"key":"Work"},"ResultPath":"$.work","Next":"Done"},
          "Done":{"Type":"Pass","End":true}}}
        """;

    private const string Passes = """
        {"StartAt":"A","States":{"A":{"Type":"Pass","Result":1,"ResultPath":"$.a","Next":"B"},"B":{"Type":"Pass","End":true}}}
        """;

    private static string Arn(string name) => "arn:aws:states:us-east-1:123456789012:execution:Flow:" + name;

    [Fact]
    public async Task StartExecution_CreationHeld_TaskWaitsForItThenRunsOnce()
    {
        var store = new GatedCreateStore();
        store.HoldCreates();
        var log = new HandlerLog();
        await using var engine = Build(TaskFirst, store, log);

        var start = engine.StartExecutionAsync(MachineArn, JsonObject.Empty, "held");
        await store.CreateEntered.WaitAsync(TimeSpan.FromSeconds(30));
        await Eventually(async () => (await engine.GetExecutionHistoryAsync(new GetExecutionHistoryRequest { ExecutionArn = Arn("held") }))
            .Events.Any(e => e.Type is HistoryEventTypes.TaskScheduled or HistoryEventTypes.LambdaFunctionScheduled));

        log.Calls("Work").Should().Be(0, "the task is invoked only once the execution is in the store");
        start.IsCompleted.Should().BeFalse("StartExecution answers once the execution is durable");
        store.ReleaseCreates();
        var started = await start;
        var described = await engine.WaitForExecutionAsync(started.ExecutionArn, Bounded());

        described.Status.Should().Be(ExecutionStatus.Succeeded);
        log.Calls("Work").Should().Be(1);
        (await store.Inner.GetAsync(started.ExecutionArn, default))!.Status.Should().Be(ExecutionStatus.Succeeded);
    }

    [Fact]
    public async Task StartExecution_CreationFails_ThrowsAndLeavesNoExecutionBehind()
    {
        var store = new GatedCreateStore();
        store.FailCreates(true);
        var log = new HandlerLog();
        await using var engine = Build(TaskFirst, store, log);

        var act = () => engine.StartExecutionAsync(MachineArn, JsonObject.Empty, "lost");

        await act.Should().ThrowAsync<IOException>().WithMessage("*disk is full*");
        var describe = () => engine.DescribeExecutionAsync(Arn("lost"));
        await describe.Should().ThrowAsync<ExecutionApiException>().Where(e => e.ErrorCode == ExecutionApiErrorCodes.ExecutionDoesNotExist);
        log.Calls("Work").Should().Be(0);
        (await store.Inner.ReadEventsAsync(Arn("lost"), default)).Should().BeEmpty();

        store.FailCreates(false);
        var again = await engine.StartExecutionAsync(MachineArn, JsonObject.Empty, "lost");
        (await engine.WaitForExecutionAsync(again.ExecutionArn, Bounded())).Status.Should().Be(ExecutionStatus.Succeeded);
        log.Calls("Work").Should().Be(1);
    }

    [Fact]
    public async Task StartExecution_NameTakenBehindTheReadsBack_RefusesAndWritesNothingIntoTheOtherExecution()
    {
        // An execution created by someone else, with no events yet: the refused run's events would follow on from its.
        var store = new GatedCreateStore();
        var other = new ExecutionRecord
        {
            ExecutionArn = Arn("taken"),
            Name = "taken",
            StateMachineArn = MachineArn,
            Definition = (JsonObject)JsonValue.Parse(Passes),
            Input = JsonValue.Parse("""{"n":1}"""),
            Status = ExecutionStatus.Running,
            StartDate = DateTimeOffset.UnixEpoch,
        };
        await store.Inner.TryCreateAsync(other, [], default);
        store.Hide(Arn("taken"));
        store.HoldCreates();
        var log = new HandlerLog();
        await using var engine = Build(TaskFirst, store, log);

        var start = engine.StartExecutionAsync(MachineArn, JsonValue.Parse("""{"n":2}"""), "taken");
        await store.CreateEntered.WaitAsync(TimeSpan.FromSeconds(30));
        await Eventually(async () => (await engine.GetExecutionHistoryAsync(new GetExecutionHistoryRequest { ExecutionArn = Arn("taken") }))
            .Events.Any(e => e.Type == HistoryEventTypes.LambdaFunctionStarted));
        await Task.Delay(50); // the task's checkpoint is queued right after that event, behind the held creation
        store.ReleaseCreates();

        var act = () => start;
        await act.Should().ThrowAsync<ExecutionApiException>().Where(e => e.ErrorCode == ExecutionApiErrorCodes.ExecutionAlreadyExists);
        await engine.ShutdownAsync();
        (await store.Inner.ReadEventsAsync(Arn("taken"), default)).Should().BeEmpty("the refused run's events never reach the store");
        (await store.Inner.GetAsync(Arn("taken"), default)).Should().Be(other);
        log.Calls("Work").Should().Be(0);
    }

    [Fact]
    public async Task StartExecution_SameNameTwiceWhileCreating_SameInputGivesTheSameExecutionOtherInputIsRefused()
    {
        var store = new GatedCreateStore();
        store.HoldCreates();
        var log = new HandlerLog();
        await using var engine = Build(TaskFirst, store, log);

        var first = engine.StartExecutionAsync(MachineArn, JsonValue.Parse("""{"n":1}"""), "twice");
        await store.CreateEntered.WaitAsync(TimeSpan.FromSeconds(30));
        var same = engine.StartExecutionAsync(MachineArn, JsonValue.Parse("""{"n":1}"""), "twice");
        var other = () => engine.StartExecutionAsync(MachineArn, JsonValue.Parse("""{"n":2}"""), "twice");
        store.ReleaseCreates();

        (await same).ExecutionArn.Should().Be((await first).ExecutionArn);
        await other.Should().ThrowAsync<ExecutionApiException>().Where(e => e.ErrorCode == ExecutionApiErrorCodes.ExecutionAlreadyExists);
        await engine.WaitForExecutionAsync(Arn("twice"), Bounded());
        log.Calls("Work").Should().Be(1, "one execution ran");
    }

    private static StepFlowEngine Build(string definition, GatedCreateStore store, HandlerLog log) =>
        StepFlowEngine.CreateBuilder()
            .AddTaskHandler("arn:aws:lambda:*", log.Echo())
            .AddStateMachine("Flow", StateMachine.Parse(definition))
            .UseExecutionStore(store)
            .Build();
}
