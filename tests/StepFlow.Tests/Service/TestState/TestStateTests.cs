using StepFlow.Json;
using StepFlow.Service;
using StepFlow.Service.TestState;

namespace StepFlow.Tests.Service.TestState;

/// <summary>TestState's answers: data processing, inspection levels, mocks, retry and catch verdicts, Map tolerance.</summary>
public sealed class TestStateTests
{
    private const string RetryingTask = """
        {"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","Parameters":{"FunctionName":"f"},
         "Retry":[{"ErrorEquals":["Other"],"MaxAttempts":9},{"ErrorEquals":["Boom"],"IntervalSeconds":3,"BackoffRate":2.0,"MaxAttempts":3,"MaxDelaySeconds":10}],
         "Catch":[{"ErrorEquals":["States.ALL"],"ResultPath":"$.error","Next":"Recover"}],"End":true}
        """;

    private const string MapWithTolerance = """
        {"Type":"Map","ItemsPath":"$.items","ToleratedFailureCount":1,
         "ItemProcessor":{"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}},"End":true}
        """;

    [Fact]
    public async Task Pass_AtDebug_ShowsEachProcessingStep()
    {
        var response = await TestAsync(new TestStateRequest
        {
            Definition = """{"Type":"Pass","InputPath":"$.a","Parameters":{"b.$":"$.b"},"ResultPath":"$.r","Next":"After"}""",
            Input = """{"a":{"b":1}}""",
            InspectionLevel = TestStateInspectionLevel.Debug,
        });

        response.Status.Should().Be(TestStateStatus.Succeeded);
        response.NextState.Should().Be("After");
        Json(response.Output).Should().Be("""{"a":{"b":1},"r":{"b":1}}""");
        var data = response.InspectionData!;
        Json(data.AfterInputPath).Should().Be("""{"b":1}""");
        Json(data.AfterParameters).Should().Be("""{"b":1}""");
        Json(data.AfterResultPath).Should().Be("""{"a":{"b":1},"r":{"b":1}}""");
    }

    [Fact]
    public async Task Info_HasNoInspectionData()
    {
        var response = await TestAsync(new TestStateRequest { Definition = """{"Type":"Pass","End":true}""" });

        response.InspectionData.Should().BeNull();
        Json(response.Output).Should().Be("{}");
    }

    [Fact]
    public async Task MockedError_WithRetriesLeft_IsRetriableWithTheBackoff()
    {
        var response = await TestAsync(new TestStateRequest
        {
            Definition = RetryingTask,
            InspectionLevel = TestStateInspectionLevel.Debug,
            Mock = new TestStateMock { ErrorOutput = new TestStateMockError { Error = "Boom", Cause = "c" } },
            StateConfiguration = new TestStateConfiguration { RetrierRetryCount = 2 },
        });

        response.Status.Should().Be(TestStateStatus.Retriable);
        response.Error.Should().Be("Boom");
        response.InspectionData!.ErrorDetails.Should().Be(new TestStateErrorDetails { RetryIndex = 1, RetryBackoffIntervalSeconds = 10 });
    }

    [Fact]
    public async Task MockedError_RetriesSpent_IsCaughtWithTheCatcherOutput()
    {
        var response = await TestAsync(new TestStateRequest
        {
            Definition = RetryingTask,
            Input = """{"k":1}""",
            InspectionLevel = TestStateInspectionLevel.Trace,
            Mock = new TestStateMock { ErrorOutput = new TestStateMockError { Error = "Boom", Cause = "c" } },
            StateConfiguration = new TestStateConfiguration { RetrierRetryCount = 3 },
        });

        response.Status.Should().Be(TestStateStatus.CaughtError);
        response.NextState.Should().Be("Recover");
        Json(response.Output).Should().Be("""{"k":1,"error":{"Error":"Boom","Cause":"c"}}""");
        response.InspectionData!.ErrorDetails.Should().Be(new TestStateErrorDetails { RetryIndex = 1, CatchIndex = 0 });
    }

    [Fact]
    public async Task MockedError_NoRetrierOrCatcher_Fails()
    {
        var response = await TestAsync(new TestStateRequest
        {
            Definition = """{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","Parameters":{"FunctionName":"f"},"End":true}""",
            Mock = new TestStateMock { ErrorOutput = new TestStateMockError { Error = "Boom", Cause = "c" } },
        });

        response.Should().Be(new TestStateResponse { Status = TestStateStatus.Failed, Error = "Boom", Cause = "c" });
    }

    [Fact]
    public async Task StatesRuntime_IsNeitherRetriedNorCaught()
    {
        var response = await TestAsync(new TestStateRequest
        {
            Definition = """
                {"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","InputPath":"$.missing",
                 "Retry":[{"ErrorEquals":["States.ALL"]}],"Catch":[{"ErrorEquals":["States.ALL"],"Next":"C"}],"End":true}
                """,
            Mock = new TestStateMock { Result = "{}" },
        });

        response.Status.Should().Be(TestStateStatus.Failed);
        response.Error.Should().Be("States.Runtime");
    }

    [Theory]
    [InlineData(1, TestStateStatus.Succeeded, null)]
    [InlineData(2, TestStateStatus.Failed, "States.ExceedToleratedFailureThreshold")]
    public async Task Map_FailedIterations_AreCheckedAgainstTheTolerance(int failures, TestStateStatus status, string? error)
    {
        var response = await TestAsync(new TestStateRequest
        {
            Definition = MapWithTolerance,
            Input = """{"items":[1,2,3]}""",
            Mock = new TestStateMock { Result = "[1,2,3]" },
            StateConfiguration = new TestStateConfiguration { MapIterationFailureCount = failures },
        });

        response.Status.Should().Be(status);
        response.Error.Should().Be(error);
    }

    [Fact]
    public async Task Map_AtTrace_ShowsItemsAndLimits()
    {
        var response = await TestAsync(new TestStateRequest
        {
            Definition = MapWithTolerance,
            Input = """{"items":[1,2]}""",
            InspectionLevel = TestStateInspectionLevel.Trace,
            Mock = new TestStateMock { Result = "[10,20]" },
        });

        response.InspectionData!.AfterItemsPath.Should().Be("[1,2]");
        response.InspectionData.MaxConcurrency.Should().Be(0);
        response.InspectionData.ToleratedFailureCount.Should().Be(1);
        Json(response.Output).Should().Be("[10,20]");
    }

    [Fact]
    public async Task StateName_PicksAStateNestedInAMap()
    {
        var response = await TestAsync(new TestStateRequest
        {
            Definition = """
                {"StartAt":"M","States":{"M":{"Type":"Map","ItemProcessor":{"StartAt":"Inner","States":{
                  "Inner":{"Type":"Pass","Result":"inner","End":true}}},"End":true}}}
                """,
            StateName = "Inner",
        });

        Json(response.Output).Should().Be("\"inner\"");
    }

    [Fact]
    public async Task Task_WithoutMock_CallsTheRegisteredHandler()
    {
        using var engine = StepFlowEngine.CreateBuilder()
            .AddTaskHandler("arn:aws:lambda:us-east-1:123456789012:function:Double", i => JsonValue.From(((JsonNumber)i.Input).DoubleValue * 2))
            .Build();

        var response = await engine.TestStateAsync(new TestStateRequest
        {
            Definition = """{"Type":"Task","Resource":"arn:aws:lambda:us-east-1:123456789012:function:Double","InputPath":"$.n","End":true}""",
            Input = """{"n":21}""",
        });

        Json(response.Output).Should().Be("42");
    }

    [Fact]
    public async Task Task_WithoutMock_HandlerRunningPastFiveMinutes_FailsWithStatesTimeout()
    {
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        using var started = new SemaphoreSlim(0);
        using var engine = StepFlowEngine.CreateBuilder()
            .UseTimeProvider(clock)
            .AddBlockingTaskHandler("arn:aws:lambda:us-east-1:123456789012:function:Slow", (_, ct) =>
            {
                started.Release();
                ct.WaitHandle.WaitOne();
                ct.ThrowIfCancellationRequested();
                return JsonValue.Null;
            })
            .Build();

        var pending = engine.TestStateAsync(new TestStateRequest
        {
            Definition = """{"Type":"Task","Resource":"arn:aws:lambda:us-east-1:123456789012:function:Slow","End":true}""",
        });
        (await started.WaitAsync(TimeSpan.FromSeconds(10))).Should().BeTrue();
        clock.Advance(TimeSpan.FromMinutes(5));
        var response = await pending.WaitAsync(TimeSpan.FromSeconds(10));

        response.Status.Should().Be(TestStateStatus.Failed);
        response.Error.Should().Be("States.Timeout");
    }

    [Fact]
    public async Task Variables_AndAssign_ShowInTheInspectionData()
    {
        var response = await TestAsync(new TestStateRequest
        {
            Definition = """{"Type":"Pass","QueryLanguage":"JSONata","Assign":{"y":"{% $x + 1 %}"},"Output":"{% $x %}","End":true}""",
            Variables = """{"x":1}""",
            InspectionLevel = TestStateInspectionLevel.Debug,
        });

        Json(response.Output).Should().Be("1");
        var variables = (JsonObject)JsonValue.Parse(response.InspectionData!.Variables!);
        variables.Keys.Should().BeEquivalentTo(["x", "y"]);
        variables["x"].ToJsonString().Should().Be("1");
        variables["y"].ToJsonString().Should().Be("2");
    }

    [Theory]
    [InlineData(TestStateFieldValidationMode.Strict, true)]
    [InlineData(TestStateFieldValidationMode.Present, false)]
    [InlineData(TestStateFieldValidationMode.None, false)]
    public async Task FieldValidation_RequiredFieldsAreCheckedOnlyInStrictMode(TestStateFieldValidationMode mode, bool refused)
    {
        var act = () => TestAsync(new TestStateRequest
        {
            Definition = """{"Type":"Task","Resource":"arn:aws:states:::states:startExecution","Parameters":{"StateMachineArn":"a"},"End":true}""",
            Mock = new TestStateMock { Result = """{"StartDate":"2025-01-01T00:00:00Z"}""", FieldValidationMode = mode },
        });

        if (refused)
        {
            (await act.Should().ThrowAsync<ExecutionApiException>()).Which.Message.Should().Be(
                "Mock result schema validation error: Required field 'ExecutionArn' is missing");
        }
        else
        {
            await act.Should().NotThrowAsync();
        }
    }

    [Fact]
    public async Task FieldValidation_NoneAcceptsAWrongType_PresentRefusesIt()
    {
        const string definition = """{"Type":"Task","Resource":"arn:aws:states:::aws-sdk:s3:getObject","Parameters":{"Bucket":"b","Key":"k"},"End":true}""";
        var none = await TestAsync(new TestStateRequest
        {
            Definition = definition,
            Mock = new TestStateMock { Result = """{"ContentLength":"9000"}""", FieldValidationMode = TestStateFieldValidationMode.None },
        });
        var present = () => TestAsync(new TestStateRequest
        {
            Definition = definition,
            Mock = new TestStateMock { Result = """{"ContentLength":"9000"}""", FieldValidationMode = TestStateFieldValidationMode.Present },
        });

        none.Status.Should().Be(TestStateStatus.Succeeded);
        (await present.Should().ThrowAsync<ExecutionApiException>()).Which.Message.Should().EndWith("Field 'ContentLength' must be a number");
    }

    [Fact]
    public async Task WaitForTaskToken_WithoutMock_IsRefused()
    {
        var act = () => TestAsync(new TestStateRequest
        {
            Definition = """{"Type":"Task","Resource":"arn:aws:states:::sqs:sendMessage.waitForTaskToken","Parameters":{"QueueUrl":"q"},"End":true}""",
        });

        (await act.Should().ThrowAsync<ExecutionApiException>()).Which.ErrorCode.Should().Be(ExecutionApiErrorCodes.ValidationException);
    }

    [Fact]
    public void FormatResponse_WritesAwsFieldNamesAndStatus()
    {
        var json = TestStateJson.FormatResponse(new TestStateResponse
        {
            Status = TestStateStatus.CaughtError,
            Output = "{}",
            NextState = "N",
            InspectionData = new TestStateInspectionData { Input = "{}", ErrorDetails = new TestStateErrorDetails { CatchIndex = 0 } },
        });

        Json(json).Should().Be("""{"inspectionData":{"input":"{}","errorDetails":{"catchIndex":0}},"nextState":"N","output":"{}","status":"CAUGHT_ERROR"}""");
    }

    private static async Task<TestStateResponse> TestAsync(TestStateRequest request)
    {
        using var engine = StepFlowEngine.CreateBuilder().Build();
        return await engine.TestStateAsync(request);
    }

    private static string Json(string? text) => JsonValue.Parse(text!).ToJsonString();
}
