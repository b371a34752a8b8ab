using StepFlow.Json;
using StepFlow.Persistence;
using StepFlow.Testing;
using StepFlow.Testing.Mocks;

namespace StepFlow.Tests.Mocks;

/// <summary>
/// AWS's Step Functions Local example (samples/lambda-sqs-mocks: the LambdaSQSIntegration definition and mock config file
/// of "Using mocked service integrations for testing in Step Functions Local") run under each of its test cases.
/// </summary>
public sealed class MockConfigRunTests
{
    private const string Machine = "LambdaSQSIntegration";
    private static readonly string Folder = Path.Combine(AppContext.BaseDirectory, "Samples", "lambda-sqs-mocks");
    private static readonly JsonValue LambdaSuccess = JsonValue.Parse("""{"StatusCode":200,"Payload":{"StatusCode":200,"body":"Hello from Lambda!"}}""");
    private static readonly JsonValue SqsSuccess = JsonValue.Parse("""{"MD5OfMessageBody":"3bcb6e8e-7h85-4375-b0bc-1a59812c6e51","MessageId":"3bcb6e8e-8b51-4375-b0bc-1a59812c6e51"}""");

    private static readonly MockConfig Config = MockConfig.Load(Path.Combine(Folder, "MockConfigFile.json"));

    private static StateMachineTest Sut(string testCase) =>
        StateMachineTest.FromFile(Path.Combine(Folder, "definition.json")).UseTestCase(Config, Machine, testCase);

    [Fact]
    public async Task HappyPath_LambdaThenSqs_EachAnswersItsMockedResponse()
    {
        var result = await Sut("HappyPath").RunAsync();

        result.Status.Should().Be(ExecutionStatus.Succeeded);
        result.VisitedStates.Should().Equal("LambdaState", "SQSState");
        result.Path[0].Output.Should().Be(LambdaSuccess);
        result.Path[1].Input.Should().Be(LambdaSuccess, "the output of LambdaState is passed on to SQSState as input");
        result.Output.Should().Be(SqsSuccess);
        result.RetriesOf("LambdaState").Should().Be(0);
    }

    [Fact]
    public async Task RetryPath_LambdaFailsThreeTimesAndSucceedsOnTheThirdRetry()
    {
        var result = await Sut("RetryPath").RunAsync();

        result.Status.Should().Be(ExecutionStatus.Succeeded);
        result.VisitedStates.Should().Equal("LambdaState", "SQSState");
        result.RetriesOf("LambdaState").Should().Be(3);
        result.History.Where(e => e.Type == "TaskFailed").Select(e => e.Extra!["error"]!.ToJsonString())
            .Should().Equal("\"Lambda.ResourceNotReadyException\"", "\"Lambda.TimeoutException\"", "\"Lambda.TimeoutException\"");
        result.Output.Should().Be(SqsSuccess);
        result.Duration.Should().Be(TimeSpan.FromSeconds(2 + 4 + 8), "the back-offs (IntervalSeconds 2, BackoffRate 2) pass on the fake clock");
    }

    [Fact]
    public async Task HybridPath_LambdaIsMockedAndSqsCallsTheRealHandler()
    {
        JsonValue? sent = null;
        var result = await Sut("HybridPath")
            .WithHandler("arn:aws:states:::sqs:sendMessage", invocation =>
            {
                sent = invocation.Input;
                return JsonValue.Parse("""{"MessageId":"real"}""");
            })
            .RunAsync();

        result.Status.Should().Be(ExecutionStatus.Succeeded);
        result.VisitedStates.Should().Equal("LambdaState", "SQSState");
        sent.Should().Be(JsonValue.Parse("""{"QueueUrl":"https://sqs.us-east-1.amazonaws.com/123456789012/myQueue","MessageBody":{"StatusCode":200,"Payload":{"StatusCode":200,"body":"Hello from Lambda!"}}}"""));
        result.Output.Should().Be(JsonValue.Parse("""{"MessageId":"real"}"""));
    }

    [Fact]
    public async Task HybridPath_WithoutARealHandler_FailsAtSqsStateLikeAnUnregisteredResource()
    {
        var result = await Sut("HybridPath").RunAsync();

        result.Status.Should().Be(ExecutionStatus.Failed);
        result.VisitedStates.Should().Equal("LambdaState", "SQSState");
        result.Error.Should().Be("States.TaskFailed");
    }

    [Fact]
    public async Task HappyPath_StateLoopsPastItsOnlyEntry_FailsWithStatesRuntimeAndIsNotRetried()
    {
        // HappyPath's MockedLambdaSuccess covers attempt 0 only; a definition that invokes LambdaState twice fails.
        var definition = File.ReadAllText(Path.Combine(Folder, "definition.json"))
            .Replace("\"End\": true", "\"Next\": \"Again\"", StringComparison.Ordinal)
            .Replace("\"SQSState\":{", """
                "Again":{"Type":"Choice","Choices":[{"Variable":"$.MessageId","IsPresent":true,"Next":"LambdaState"}],"Default":"Done"},
                "Done":{"Type":"Succeed"},
                "SQSState":{
                """, StringComparison.Ordinal);
        var sut = StateMachineTest.FromText(definition).UseTestCase(Config, Machine, "HappyPath");

        var result = await sut.RunAsync();

        result.Status.Should().Be(ExecutionStatus.Failed);
        result.Error.Should().Be("States.Runtime");
        result.Cause.Should().Be("The mocked response 'MockedLambdaSuccess' that test case 'HappyPath' of state machine 'LambdaSQSIntegration' uses for state 'LambdaState' has no entry for attempt 1: it covers attempts 0 to 0. Step Functions Local fails the execution when an attempt has no mocked response.");
        result.VisitedStates.Should().Equal("LambdaState", "SQSState", "Again", "LambdaState");
        result.RetriesOf("LambdaState").Should().Be(0, "States.Runtime is never retried, although the Retry names States.ALL");
    }

    [Fact]
    public async Task UseTestCase_DefinitionFileNamedOtherwise_RunsUnderTheTestCasesStateMachineName()
    {
        var sut = StateMachineTest.FromFile(Path.Combine(Folder, "definition.json")).UseTestCase(Config.GetTestCase(Machine, "HappyPath"));

        var result = await sut.RunAsync();

        sut.StateMachineName.Should().Be(Machine);
        result.Output.Should().Be(SqsSuccess);
    }

    [Fact]
    public async Task TestCase_OfAnotherStateMachine_MocksNothing()
    {
        var testCase = Config.GetTestCase(Machine, "HappyPath");
        var result = await StateMachineTest.FromFile(Path.Combine(Folder, "definition.json")).UseTestCase(testCase).Named("Other").RunAsync();

        result.Error.Should().Be("Lambda.ResourceNotFoundException", "LambdaState is not mocked, and HelloWorldFunction has no handler");
    }
}
