using System.Collections.Concurrent;
using StepFlow.Execution;
using StepFlow.Json;
using StepFlow.Parsing;
using StepFlow.Persistence;
using StepFlow.Tasks;
using StepFlow.Testing.Time;

namespace StepFlow.Tests.Tasks;

/// <summary>The engine's task mocker seam (<see cref="StepFlowEngineBuilder.UseTaskMocker"/>).</summary>
public sealed class TaskMockerTests
{
    private const string Lambda = "arn:aws:lambda:us-east-1:123456789012:function:Charge";

    /// <summary>A mocker that answers from a function and records every request it was asked.</summary>
    private sealed class RecordingMocker(Func<TaskMockRequest, TaskMockAnswer> answer) : ITaskMocker
    {
        public ConcurrentQueue<(string State, int Attempt, string Resource, string Machine)> Requests { get; } = new();

        public TaskMockAnswer Answer(TaskMockRequest request)
        {
            Requests.Enqueue((request.StateName, request.Attempt, request.Resource, request.StateMachineName));
            return answer(request);
        }
    }

    private static async Task<ExecutionResult> RunAsync(string definition, ITaskMocker? mocker, Action<StepFlowEngineBuilder>? configure = null, string input = "{}")
    {
        var builder = StepFlowEngine.CreateBuilder().UseTimeProvider(new AutoAdvancingTimeProvider());
        configure?.Invoke(builder);
        if (mocker is not null)
        {
            builder.UseTaskMocker(mocker);
        }

        var engine = builder.Build();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        return await engine.ExecuteAsync(StateMachine.Parse(definition), JsonValue.Parse(input), new ExecutionOptions { StateMachineName = "Orders" }, timeout.Token);
    }

    private static string OneTask(string resource, string retry = "", string extra = "") =>
        """{"StartAt":"Charge","States":{"Charge":{"Type":"Task","Resource":""" + "\"" + resource + "\"" + retry + extra + ""","End":true}}}""";

    private const string RetryTwice = ""","Retry":[{"ErrorEquals":["Payment.Timeout"],"IntervalSeconds":60,"MaxAttempts":2}]""";

    [Fact]
    public async Task UseTaskMocker_MockedResult_IsTheTaskResultAndTheHandlerIsNotCalled()
    {
        var handlerCalls = 0;
        var mocker = new RecordingMocker(_ => TaskMockAnswer.Return(JsonValue.Parse("""{"charged":true}""")));

        var result = await RunAsync(OneTask(Lambda), mocker, b => b.AddTaskHandler(Lambda, i => { handlerCalls++; return i.Input; }));

        result.Status.Should().Be(ExecutionStatus.Succeeded);
        result.Output.Should().Be(JsonValue.Parse("""{"charged":true}"""));
        handlerCalls.Should().Be(0);
        mocker.Requests.Should().Equal(("Charge", 0, Lambda, "Orders"));
        result.History.Select(e => e.Type).Should().Contain(["LambdaFunctionScheduled", "LambdaFunctionStarted", "LambdaFunctionSucceeded"]);
    }

    [Fact]
    public async Task UseTaskMocker_NotMocked_CallsTheRegisteredHandler()
    {
        var mocker = new RecordingMocker(_ => TaskMockAnswer.NotMocked);

        var result = await RunAsync(OneTask(Lambda), mocker, b => b.AddTaskHandler(Lambda, _ => JsonValue.Parse("""{"real":1}""")), """{"a":1}""");

        result.Output.Should().Be(JsonValue.Parse("""{"real":1}"""));
        mocker.Requests.Should().ContainSingle();
    }

    [Fact]
    public async Task UseTaskMocker_RetriedState_CountsEveryAttemptOfTheState()
    {
        var mocker = new RecordingMocker(r => r.Attempt < 2
            ? TaskMockAnswer.Throw("Payment.Timeout", "slow")
            : TaskMockAnswer.Return(JsonValue.From(r.Attempt)));

        var result = await RunAsync(OneTask(Lambda, RetryTwice), mocker);

        result.Status.Should().Be(ExecutionStatus.Succeeded);
        result.Output.Should().Be(JsonValue.From(2));
        mocker.Requests.Select(r => r.Attempt).Should().Equal(0, 1, 2);
        result.History.Count(e => e.Type == "LambdaFunctionFailed").Should().Be(2);
        (result.StopDate - result.StartDate).Should().Be(TimeSpan.FromSeconds(180), "the back-offs of 60 s and 120 s (BackoffRate 2) pass on the fake clock");
    }

    [Fact]
    public async Task UseTaskMocker_StateVisitedAgainInALoop_KeepsCountingAndEachStateCountsAlone()
    {
        const string definition = """
            {"StartAt":"Init","States":{
              "Init":{"Type":"Pass","Result":{"n":0},"Next":"Ping"},
              "Ping":{"Type":"Task","Resource":"arn:aws:states:::sqs:sendMessage","ResultPath":"$.last","Next":"Count"},
              "Count":{"Type":"Pass","Parameters":{"n.$":"States.MathAdd($.n, 1)"},"Next":"More"},
              "More":{"Type":"Choice","Choices":[{"Variable":"$.n","NumericLessThan":3,"Next":"Ping"}],"Default":"Pong"},
              "Pong":{"Type":"Task","Resource":"arn:aws:states:::sqs:sendMessage","End":true}}}
            """;
        var mocker = new RecordingMocker(r => TaskMockAnswer.Return(JsonValue.From(r.Attempt)));

        var result = await RunAsync(definition, mocker);

        result.Status.Should().Be(ExecutionStatus.Succeeded);
        mocker.Requests.Select(r => (r.State, r.Attempt)).Should().Equal(("Ping", 0), ("Ping", 1), ("Ping", 2), ("Pong", 0));
    }

    [Fact]
    public async Task UseTaskMocker_MapIterations_ShareTheStatesCount()
    {
        const string definition = """
            {"StartAt":"Each","States":{"Each":{"Type":"Map","MaxConcurrency":1,"ItemsPath":"$.items","End":true,
              "ItemProcessor":{"StartAt":"Ship","States":{"Ship":{"Type":"Task","Resource":"arn:aws:states:::sqs:sendMessage","End":true}}}}}}
            """;
        var mocker = new RecordingMocker(r => TaskMockAnswer.Return(JsonValue.From(r.Attempt)));

        var result = await RunAsync(definition, mocker, input: """{"items":["a","b","c"]}""");

        result.Output.Should().Be(JsonValue.Parse("[0,1,2]"));
    }

    [Fact]
    public async Task UseTaskMocker_MockedError_IsMatchedByCatchByName()
    {
        var mocker = new RecordingMocker(_ => TaskMockAnswer.Throw("Payment.Declined", "card expired"));
        const string catchIt = ""","Catch":[{"ErrorEquals":["Payment.Declined"],"ResultPath":"$.error","Next":"Declined"}]""";
        var definition = OneTask(Lambda, extra: catchIt).Replace(""","End":true}}}""", ""","End":true},"Declined":{"Type":"Pass","End":true}}}""", StringComparison.Ordinal);

        var result = await RunAsync(definition, mocker);

        result.Status.Should().Be(ExecutionStatus.Succeeded);
        result.Output.Should().Be(JsonValue.Parse("""{"error":{"Error":"Payment.Declined","Cause":"card expired"}}"""));
    }

    [Fact]
    public async Task UseTaskMocker_StatesRuntime_IsNeitherRetriedNorCaughtAndFailsTheExecution()
    {
        var mocker = new RecordingMocker(_ => TaskMockAnswer.Throw("States.Runtime", "no mocked response for attempt 0"));
        const string all = ""","Retry":[{"ErrorEquals":["States.ALL"]}],"Catch":[{"ErrorEquals":["States.ALL"],"Next":"Caught"}]""";
        var definition = OneTask(Lambda, extra: all).Replace(""","End":true}}}""", ""","End":true},"Caught":{"Type":"Pass","End":true}}}""", StringComparison.Ordinal);

        var result = await RunAsync(definition, mocker);

        result.Status.Should().Be(ExecutionStatus.Failed);
        result.Error.Should().Be("States.Runtime");
        result.Cause.Should().Be("no mocked response for attempt 0");
        mocker.Requests.Should().ContainSingle();
    }

    [Fact]
    public async Task UseTaskMocker_WaitForTaskToken_TheMockedResultAnswersTheToken()
    {
        string? seenToken = null;
        var mocker = new RecordingMocker(r =>
        {
            seenToken = r.Invocation.TaskToken;
            return TaskMockAnswer.Return(JsonValue.Parse("""{"approved":true}"""));
        });
        var definition = OneTask("arn:aws:states:::sqs:sendMessage.waitForTaskToken", extra: ""","Parameters":{"token.$":"$$.Task.Token"}""");

        var result = await RunAsync(definition, mocker);

        result.Status.Should().Be(ExecutionStatus.Succeeded);
        result.Output.Should().Be(JsonValue.Parse("""{"approved":true}"""));
        seenToken.Should().NotBeNullOrEmpty("Step Functions Local generates a token for a mocked .waitForTaskToken task");
        result.History.Select(e => e.Type).Should().NotContain("TaskSubmitted");
    }

    [Fact]
    public async Task UseTaskMocker_WaitForTaskToken_MockedErrorFailsTheTask()
    {
        var mocker = new RecordingMocker(_ => TaskMockAnswer.Throw("Approval.Rejected", "over budget"));

        var result = await RunAsync(OneTask("arn:aws:states:::sqs:sendMessage.waitForTaskToken", extra: ""","TimeoutSeconds":3600"""), mocker);

        result.Status.Should().Be(ExecutionStatus.Failed);
        (result.Error, result.Cause).Should().Be(("Approval.Rejected", "over budget"));
        result.History.Select(e => e.Type).Should().Contain("TaskFailed");
    }

    [Fact]
    public async Task UseTaskMocker_Sync_ReturnsTheMockedResultWithoutStartingTheJob()
    {
        var mocker = new RecordingMocker(_ => TaskMockAnswer.Return(JsonValue.Parse("""{"Status":"SUCCEEDED","Output":"{}"}""")));
        var definition = OneTask("arn:aws:states:::states:startExecution.sync:2", extra: ""","Parameters":{"StateMachineArn":"arn:aws:states:us-east-1:123456789012:stateMachine:NotRegistered"}""");

        var result = await RunAsync(definition, mocker);

        result.Status.Should().Be(ExecutionStatus.Succeeded);
        result.Output.Should().Be(JsonValue.Parse("""{"Status":"SUCCEEDED","Output":"{}"}"""));
    }

    [Fact]
    public async Task UseTaskMocker_Activity_TheMockAnswersWithoutAWorker()
    {
        const string activity = "arn:aws:states:us-east-1:123456789012:activity:approve";
        var mocker = new RecordingMocker(_ => TaskMockAnswer.Return(JsonValue.Parse("""{"approved":true}""")));

        var result = await RunAsync(OneTask(activity, extra: ""","TimeoutSeconds":60"""), mocker, b => b.AddActivity(activity));

        result.Status.Should().Be(ExecutionStatus.Succeeded);
        result.Output.Should().Be(JsonValue.Parse("""{"approved":true}"""));
        result.History.Select(e => e.Type).Should().Contain("ActivitySucceeded");
    }

    [Fact]
    public async Task UseTaskMocker_MockerThrows_FailsTheTaskWithTaskFailedNamingTheState()
    {
        var mocker = new RecordingMocker(_ => throw new InvalidOperationException("broken mock"));

        var result = await RunAsync(OneTask(Lambda), mocker);

        result.Status.Should().Be(ExecutionStatus.Failed);
        result.Error.Should().Be("States.TaskFailed");
        result.Cause.Should().Be("The task mocker threw InvalidOperationException for state 'Charge': broken mock");
    }

    [Fact]
    public async Task UseTaskMocker_MockerReturnsNull_FailsTheTaskWithTaskFailed()
    {
        var mocker = new RecordingMocker(_ => null!);

        var result = await RunAsync(OneTask(Lambda), mocker);

        result.Error.Should().Be("States.TaskFailed");
        result.Cause.Should().Contain("returned null for state 'Charge'");
    }

    [Fact]
    public void TaskMockAnswer_Factories_RejectMissingValues()
    {
        FluentActions.Invoking(() => TaskMockAnswer.Return(null!)).Should().Throw<ArgumentNullException>();
        FluentActions.Invoking(() => TaskMockAnswer.Throw("")).Should().Throw<ArgumentException>();
        FluentActions.Invoking(() => StepFlowEngine.CreateBuilder().UseTaskMocker(null!)).Should().Throw<ArgumentNullException>();
    }
}
