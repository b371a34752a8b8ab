using StepFlow.Errors;
using StepFlow.Execution;
using StepFlow.Execution.Callbacks;
using StepFlow.Json;
using StepFlow.Persistence;
using StepFlow.Tasks;

namespace StepFlow.Tests.Tasks;

public sealed class CallbackTaskTests
{
    private const string SendMessage = "arn:aws:states:::sqs:sendMessage";

    private static string Definition(string extra = "", string resource = SendMessage + ".waitForTaskToken") => $$$$"""
        {"StartAt":"Ask","States":{"Ask":{"Type":"Task","Resource":"{{{{resource}}}}",
          "Parameters":{"QueueUrl":"q","MessageBody":{"Token.$":"$$.Task.Token","Order.$":"$.order"}}{{{{extra}}}},"End":true}}}
        """;

    private static (StepFlowEngine Engine, CapturingHandler Handler, CountingClock Clock) Engine(string pattern = SendMessage)
    {
        var handler = new CapturingHandler();
        var clock = new CountingClock();
        var engine = StepFlowEngine.CreateBuilder().UseTimeProvider(clock).AddTaskHandler(pattern, handler.Handle).Build();
        return (engine, handler, clock);
    }

    [Fact]
    public async Task WaitForTaskToken_SendTaskSuccess_OutputBecomesTheResult()
    {
        using var guard = TaskTestHost.Guard();
        var (engine, handler, _) = Engine();
        var run = TaskTestHost.StartAsync(engine, Definition(), """{"order":"o-1"}""");

        var invocation = await handler.NextAsync(guard.Token);
        invocation.Pattern.Should().Be(IntegrationPattern.WaitForTaskToken);
        invocation.Resource.Should().Be(SendMessage + ".waitForTaskToken");
        var body = (JsonObject)((JsonObject)invocation.Input)["MessageBody"];
        body.Str("Token").Should().Be(invocation.TaskToken).And.NotBeNullOrEmpty();
        body.Str("Order").Should().Be("o-1");
        ((JsonObject)invocation.Context)["Task"].Str("Token").Should().Be(invocation.TaskToken);

        await engine.SendTaskSuccessAsync(invocation.TaskToken!, """{"approved":true}""", guard.Token);
        var result = await run.WaitAsync(guard.Token);

        result.Status.Should().Be(ExecutionStatus.Succeeded);
        result.Output.Should().Be(JsonValue.Parse("""{"approved":true}"""));
        result.EventTypes().Should().Equal(
            "ExecutionStarted", "TaskStateEntered", "TaskScheduled", "TaskStarted", "TaskSubmitted", "TaskSucceeded", "TaskStateExited", "ExecutionSucceeded");
        result.History[4].Details["output"].Should().Be(JsonValue.From("""{"submitted":true}"""));
    }

    [Fact]
    public async Task WaitForTaskToken_HandlerBoundToFullResource_IsUsed()
    {
        using var guard = TaskTestHost.Guard();
        var (engine, handler, _) = Engine(SendMessage + ".waitForTaskToken");
        var run = TaskTestHost.StartAsync(engine, Definition(), """{"order":"o"}""");

        var invocation = await handler.NextAsync(guard.Token);
        await engine.SendTaskSuccessAsync(invocation.TaskToken!, JsonValue.From(7), guard.Token);

        (await run.WaitAsync(guard.Token)).Output.Should().Be(JsonValue.From(7));
    }

    [Fact]
    public async Task WaitForTaskToken_AnswerSentFromInsideTheHandler_IsNotLost()
    {
        using var guard = TaskTestHost.Guard();
        StepFlowEngine? engine = null;
        engine = StepFlowEngine.CreateBuilder()
            .AddTaskHandler(SendMessage, invocation =>
            {
                engine!.SendTaskSuccessAsync(invocation.TaskToken!, JsonValue.From("early"), guard.Token).GetAwaiter().GetResult();
                return JsonObject.Empty;
            })
            .Build();

        var result = await TaskTestHost.StartAsync(engine, Definition(), """{"order":"o"}""").WaitAsync(guard.Token);

        result.Output.Should().Be(JsonValue.From("early"));
    }

    [Fact]
    public async Task WaitForTaskToken_SendTaskFailure_IsCaughtByItsErrorName()
    {
        using var guard = TaskTestHost.Guard();
        var (engine, handler, _) = Engine();
        var catcher = ""","Catch":[{"ErrorEquals":["Approval.Rejected"],"ResultPath":"$.error","Next":"Rejected"}]""";
        var definition = Definition(catcher).Replace("\"End\":true}}}", "\"End\":true},\"Rejected\":{\"Type\":\"Pass\",\"End\":true}}}", StringComparison.Ordinal);
        var run = TaskTestHost.StartAsync(engine, definition, """{"order":"o"}""");

        var invocation = await handler.NextAsync(guard.Token);
        await engine.SendTaskFailureAsync(invocation.TaskToken!, "Approval.Rejected", "too expensive", guard.Token);
        var result = await run.WaitAsync(guard.Token);

        result.Status.Should().Be(ExecutionStatus.Succeeded);
        result.Output.Should().Be(JsonValue.Parse("""{"order":"o","error":{"Error":"Approval.Rejected","Cause":"too expensive"}}"""));
        result.EventTypes().Should().Contain("TaskFailed");
    }

    [Fact]
    public async Task WaitForTaskToken_FailureThenRetry_IssuesANewTokenPerAttempt()
    {
        using var guard = TaskTestHost.Guard();
        var (engine, handler, clock) = Engine();
        var retry = ""","Retry":[{"ErrorEquals":["Busy"],"IntervalSeconds":1,"MaxAttempts":1}]""";
        var run = TaskTestHost.StartAsync(engine, Definition(retry), """{"order":"o"}""");

        var first = await handler.NextAsync(guard.Token);
        await engine.SendTaskFailureAsync(first.TaskToken!, "Busy", null, guard.Token);
        await clock.WaitForTimersAsync(1, guard.Token);
        clock.Advance(TimeSpan.FromSeconds(1));
        var second = await handler.NextAsync(guard.Token);
        second.TaskToken.Should().NotBe(first.TaskToken);
        second.RetryCount.Should().Be(1);
        await engine.SendTaskSuccessAsync(second.TaskToken!, JsonValue.From("done"), guard.Token);

        (await run.WaitAsync(guard.Token)).Output.Should().Be(JsonValue.From("done"));
        var stale = () => engine.SendTaskSuccessAsync(first.TaskToken!, JsonValue.Null, guard.Token);
        (await stale.Should().ThrowAsync<TaskApiException>()).Which.ErrorCode.Should().Be(TaskApiErrorCodes.TaskTimedOut);
    }

    [Fact]
    public async Task SendTask_BadTokens_FailWithAwsErrorNames()
    {
        var engine = StepFlowEngine.CreateBuilder().Build();

        var malformed = () => engine.SendTaskSuccessAsync("not-a-token", JsonValue.Null);
        (await malformed.Should().ThrowAsync<TaskApiException>()).Which.ErrorCode.Should().Be(TaskApiErrorCodes.InvalidToken);

        var unknown = () => engine.SendTaskFailureAsync(TaskTokenRegistry.NewToken(), "E", null);
        (await unknown.Should().ThrowAsync<TaskApiException>()).Which.ErrorCode.Should().Be(TaskApiErrorCodes.TaskDoesNotExist);

        var heartbeat = () => engine.SendTaskHeartbeatAsync(TaskTokenRegistry.NewToken());
        (await heartbeat.Should().ThrowAsync<TaskApiException>()).Which.ErrorCode.Should().Be(TaskApiErrorCodes.TaskDoesNotExist);
    }

    [Fact]
    public async Task SendTaskSuccess_TwiceOrAfterTheEnd_IsRefusedAsTimedOut()
    {
        using var guard = TaskTestHost.Guard();
        var (engine, handler, _) = Engine();
        var run = TaskTestHost.StartAsync(engine, Definition(), """{"order":"o"}""");
        var invocation = await handler.NextAsync(guard.Token);
        await engine.SendTaskSuccessAsync(invocation.TaskToken!, JsonValue.From(1), guard.Token);
        await run.WaitAsync(guard.Token);

        var again = () => engine.SendTaskSuccessAsync(invocation.TaskToken!, JsonValue.From(2), guard.Token);
        (await again.Should().ThrowAsync<TaskApiException>()).Which.ErrorCode.Should().Be(TaskApiErrorCodes.TaskTimedOut);
        var heartbeat = () => engine.SendTaskHeartbeatAsync(invocation.TaskToken!, guard.Token);
        (await heartbeat.Should().ThrowAsync<TaskApiException>()).Which.ErrorCode.Should().Be(TaskApiErrorCodes.TaskTimedOut);
    }

    [Fact]
    public async Task SendTaskSuccess_OutputTooLargeOrNotJson_IsInvalidOutputAndTheTaskKeepsWaiting()
    {
        using var guard = TaskTestHost.Guard();
        var (engine, handler, _) = Engine();
        var run = TaskTestHost.StartAsync(engine, Definition(), """{"order":"o"}""");
        var token = (await handler.NextAsync(guard.Token)).TaskToken!;

        var tooLarge = () => engine.SendTaskSuccessAsync(token, JsonValue.From(new string('x', 262_144)), guard.Token);
        (await tooLarge.Should().ThrowAsync<TaskApiException>()).Which.ErrorCode.Should().Be(TaskApiErrorCodes.InvalidOutput);
        var notJson = () => engine.SendTaskSuccessAsync(token, "{not json", guard.Token);
        (await notJson.Should().ThrowAsync<TaskApiException>()).Which.ErrorCode.Should().Be(TaskApiErrorCodes.InvalidOutput);

        await engine.SendTaskSuccessAsync(token, "\"fine\"", guard.Token);
        (await run.WaitAsync(guard.Token)).Output.Should().Be(JsonValue.From("fine"));
    }

    [Fact]
    public async Task SendTaskFailure_ErrorOrCauseTooLong_IsAnArgumentError()
    {
        var engine = StepFlowEngine.CreateBuilder().Build();
        var token = TaskTokenRegistry.NewToken();

        await engine.Invoking(e => e.SendTaskFailureAsync(token, new string('e', 257), null)).Should().ThrowAsync<ArgumentException>();
        await engine.Invoking(e => e.SendTaskFailureAsync(token, "E", new string('c', 32_769))).Should().ThrowAsync<ArgumentException>();
    }

    [Fact]
    public async Task HeartbeatSeconds_NoHeartbeat_TimesOutWithStatesTimeout()
    {
        using var guard = TaskTestHost.Guard();
        var (engine, handler, clock) = Engine();
        var run = TaskTestHost.StartAsync(engine, Definition(""","HeartbeatSeconds":10,"TimeoutSeconds":100"""), """{"order":"o"}""");
        var token = (await handler.NextAsync(guard.Token)).TaskToken!;
        await clock.WaitForTimersAsync(1, guard.Token);

        clock.Advance(TimeSpan.FromSeconds(10));
        var result = await run.WaitAsync(guard.Token);

        result.Status.Should().Be(ExecutionStatus.Failed);
        result.Error.Should().Be(StatesErrorNames.Timeout);
        result.EventTypes().Should().Equal(
            "ExecutionStarted", "TaskStateEntered", "TaskScheduled", "TaskStarted", "TaskSubmitted", "TaskTimedOut", "ExecutionFailed");
        result.History[2].Details["heartbeatInSeconds"].Should().Be(JsonValue.From(10));
        (result.StopDate - result.StartDate).Should().Be(TimeSpan.FromSeconds(10));
        var late = () => engine.SendTaskSuccessAsync(token, JsonValue.Null, guard.Token);
        (await late.Should().ThrowAsync<TaskApiException>()).Which.ErrorCode.Should().Be(TaskApiErrorCodes.TaskTimedOut);
    }

    [Theory]
    [InlineData("States.HeartbeatTimeout")]
    [InlineData("States.Timeout")]
    public async Task HeartbeatTimeout_IsCaughtByHeartbeatTimeoutAndTimeoutMatchers(string matcher)
    {
        using var guard = TaskTestHost.Guard();
        var (engine, handler, clock) = Engine();
        var extra = $$""","HeartbeatSecondsPath":"$.hb","Catch":[{"ErrorEquals":["{{matcher}}"],"Next":"Late"}]""";
        var definition = Definition(extra).Replace("\"End\":true}}}", "\"End\":true},\"Late\":{\"Type\":\"Pass\",\"Result\":\"late\",\"End\":true}}}", StringComparison.Ordinal);
        var run = TaskTestHost.StartAsync(engine, definition, """{"order":"o","hb":5}""");
        await handler.NextAsync(guard.Token);
        await clock.WaitForTimersAsync(1, guard.Token);

        clock.Advance(TimeSpan.FromSeconds(5));
        var result = await run.WaitAsync(guard.Token);

        result.Output.Should().Be(JsonValue.From("late"));
    }

    [Fact]
    public async Task HeartbeatTimeout_IsNotMatchedByTaskFailed()
    {
        using var guard = TaskTestHost.Guard();
        var (engine, handler, clock) = Engine();
        var extra = ""","HeartbeatSeconds":5,"Catch":[{"ErrorEquals":["States.TaskFailed"],"Next":"Late"}]""";
        var definition = Definition(extra).Replace("\"End\":true}}}", "\"End\":true},\"Late\":{\"Type\":\"Pass\",\"End\":true}}}", StringComparison.Ordinal);
        var run = TaskTestHost.StartAsync(engine, definition, """{"order":"o"}""");
        await handler.NextAsync(guard.Token);
        await clock.WaitForTimersAsync(1, guard.Token);

        clock.Advance(TimeSpan.FromSeconds(5));

        (await run.WaitAsync(guard.Token)).Error.Should().Be(StatesErrorNames.Timeout);
    }

    [Fact]
    public async Task Heartbeats_KeepTheTaskAlivePastHeartbeatSeconds()
    {
        using var guard = TaskTestHost.Guard();
        var (engine, handler, clock) = Engine();
        var run = TaskTestHost.StartAsync(engine, Definition(""","HeartbeatSeconds":10"""), """{"order":"o"}""");
        var token = (await handler.NextAsync(guard.Token)).TaskToken!;
        await clock.WaitForTimersAsync(1, guard.Token);

        clock.Advance(TimeSpan.FromSeconds(6));
        await engine.SendTaskHeartbeatAsync(token, guard.Token);
        clock.Advance(TimeSpan.FromSeconds(6)); // the first timer fires at 10 s and re-arms for 16 s
        await clock.WaitForTimersAsync(2, guard.Token);
        await engine.SendTaskHeartbeatAsync(token, guard.Token);
        clock.Advance(TimeSpan.FromSeconds(5)); // 17 s: past the first re-arm, within 12 + 10
        await clock.WaitForTimersAsync(3, guard.Token);
        run.IsCompleted.Should().BeFalse();

        await engine.SendTaskSuccessAsync(token, JsonValue.From("alive"), guard.Token);
        var result = await run.WaitAsync(guard.Token);

        result.Output.Should().Be(JsonValue.From("alive"));
    }

    [Fact]
    public async Task TimeoutSeconds_NoAnswer_TimesOutEvenWithHeartbeats()
    {
        using var guard = TaskTestHost.Guard();
        var (engine, handler, clock) = Engine();
        var run = TaskTestHost.StartAsync(engine, Definition(""","TimeoutSeconds":30"""), """{"order":"o"}""");
        await handler.NextAsync(guard.Token);
        await clock.WaitForTimersAsync(1, guard.Token);

        clock.Advance(TimeSpan.FromSeconds(30));
        var result = await run.WaitAsync(guard.Token);

        result.Error.Should().Be(StatesErrorNames.Timeout);
        result.EventTypes().Should().Contain("TaskTimedOut");
        result.History[2].Details["timeoutInSeconds"].Should().Be(JsonValue.From(30));
    }

    [Fact]
    public async Task ExecutionTimeout_EndsTheWait()
    {
        using var guard = TaskTestHost.Guard();
        var (engine, handler, clock) = Engine();
        var definition = Definition().Replace("{\"StartAt\"", "{\"TimeoutSeconds\":20,\"StartAt\"", StringComparison.Ordinal);
        var run = TaskTestHost.StartAsync(engine, definition, """{"order":"o"}""");
        await handler.NextAsync(guard.Token);
        await clock.WaitForTimersAsync(1, guard.Token);

        clock.Advance(TimeSpan.FromSeconds(20));

        (await run.WaitAsync(guard.Token)).Status.Should().Be(ExecutionStatus.TimedOut);
    }

    [Fact]
    public async Task Cancellation_EndsTheWaitAndClosesTheToken()
    {
        using var guard = TaskTestHost.Guard();
        using var abort = new CancellationTokenSource();
        var (engine, handler, _) = Engine();
        var run = TaskTestHost.StartAsync(engine, Definition(), """{"order":"o"}""", cancellationToken: abort.Token);
        var token = (await handler.NextAsync(guard.Token)).TaskToken!;

        await abort.CancelAsync();
        var result = await run.WaitAsync(guard.Token);

        result.Status.Should().Be(ExecutionStatus.Aborted);
        var late = () => engine.SendTaskSuccessAsync(token, JsonValue.Null, guard.Token);
        (await late.Should().ThrowAsync<TaskApiException>()).Which.ErrorCode.Should().Be(TaskApiErrorCodes.TaskTimedOut);
        engine.Tokens.OpenCount.Should().Be(0);
    }

    [Fact]
    public async Task HandlerThrows_TaskFailsAndTheTokenIsClosed()
    {
        using var guard = TaskTestHost.Guard();
        string? token = null;
        var engine = StepFlowEngine.CreateBuilder()
            .AddTaskHandler(SendMessage, invocation =>
            {
                token = invocation.TaskToken;
                throw new InvalidOperationException("queue down");
            })
            .Build();

        var result = await TaskTestHost.StartAsync(engine, Definition(), """{"order":"o"}""").WaitAsync(guard.Token);

        result.Error.Should().Be(StatesErrorNames.TaskFailed);
        result.Cause.Should().Contain("queue down");
        result.EventTypes().Should().Contain("TaskFailed").And.NotContain("TaskSubmitted");
        var late = () => engine.SendTaskSuccessAsync(token!, JsonValue.Null, guard.Token);
        (await late.Should().ThrowAsync<TaskApiException>()).Which.ErrorCode.Should().Be(TaskApiErrorCodes.TaskTimedOut);
    }

    [Fact]
    public async Task LambdaInvokeWaitForTaskToken_CallsTheFunctionWithTheToken()
    {
        using var guard = TaskTestHost.Guard();
        var function = new CapturingHandler(_ => JsonValue.Null);
        var engine = StepFlowEngine.CreateBuilder().AddTaskHandler("arn:aws:lambda:us-east-1:123456789012:function:ask", function.Handle).Build();
        var definition = """
            {"StartAt":"Ask","States":{"Ask":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke.waitForTaskToken",
              "Parameters":{"FunctionName":"ask","Payload":{"token.$":"$$.Task.Token"}},"End":true}}}
            """;
        var run = TaskTestHost.StartAsync(engine, definition);

        var invocation = await function.NextAsync(guard.Token);
        invocation.TaskToken.Should().NotBeNull();
        invocation.Input.Str("token").Should().Be(invocation.TaskToken);
        await engine.SendTaskSuccessAsync(invocation.TaskToken!, JsonValue.From("ok"), guard.Token);

        (await run.WaitAsync(guard.Token)).Output.Should().Be(JsonValue.From("ok"));
    }

    [Fact]
    public async Task RequestResponseTask_HasNoTaskToken()
    {
        TaskInvocation? seen = null;
        var engine = StepFlowEngine.CreateBuilder().AddTaskHandler("*", i => (seen = i).Input).Build();
        using var guard = TaskTestHost.Guard();

        var result = await TaskTestHost.StartAsync(engine, """
            {"StartAt":"A","States":{"A":{"Type":"Task","Resource":"arn:aws:states:::sqs:sendMessage","Parameters":{"c.$":"$$"},"End":true}}}
            """).WaitAsync(guard.Token);

        seen!.TaskToken.Should().BeNull();
        seen.Pattern.Should().Be(IntegrationPattern.RequestResponse);
        ((JsonObject)((JsonObject)result.Output!)["c"]).TryGetValue("Task", out _).Should().BeFalse();
    }
}
