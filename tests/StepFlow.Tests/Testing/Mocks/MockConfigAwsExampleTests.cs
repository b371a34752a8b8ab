using StepFlow.Json;
using StepFlow.Testing.Mocks;

namespace StepFlow.Tests.Mocks;

public sealed class MockConfigAwsExampleTests
{
    private const string Machine = "LambdaSQSIntegration";
    private static readonly JsonValue LambdaSuccess = JsonValue.Parse("""{"StatusCode":200,"Payload":{"StatusCode":200,"body":"Hello from Lambda!"}}""");
    private static readonly JsonValue SqsSuccess = JsonValue.Parse("""{"MD5OfMessageBody":"3bcb6e8e-7h85-4375-b0bc-1a59812c6e51","MessageId":"3bcb6e8e-8b51-4375-b0bc-1a59812c6e51"}""");

    private readonly MockConfig _config = MockConfig.Parse(AwsExampleMockConfig.Text);

    [Fact]
    public void Parse_AwsExample_HasTheStateMachineTestCasesAndResponsesInFileOrder()
    {
        _config.StateMachines.Select(m => m.Name).Should().Equal(Machine);
        _config.StateMachines[0].TestCases.Select(t => t.Name).Should().Equal("HappyPath", "RetryPath", "HybridPath");
        _config.MockedResponses.Select(r => r.Name).Should().Equal(
            "MockedLambdaSuccess", "LambdaMockedResourceNotReady", "MockedSQSSuccess", "MockedLambdaRetry");
        _config.TryGetMockedResponse("MockedLambdaRetry", out var retry).Should().BeTrue();
        retry!.Ranges.Select(r => (r.First, r.Last, r.Key)).Should().Equal((0, 0, "0"), (1, 2, "1-2"), (3, 3, "3"));
        retry.AttemptCount.Should().Be(4);
    }

    [Fact]
    public void Resolve_HappyPath_BothStatesReturnTheirMockedResultOnTheFirstAttempt()
    {
        ReturnOf(_config.Resolve(Machine, "HappyPath", "LambdaState", 0)).Should().Be(LambdaSuccess);
        ReturnOf(_config.Resolve(Machine, "HappyPath", "SQSState", 0)).Should().Be(SqsSuccess);
    }

    [Fact]
    public void Resolve_RetryPath_ThrowsOnAttempts0To2AndReturnsOnAttempt3()
    {
        var testCase = _config.GetTestCase(Machine, "RetryPath");

        ThrowOf(testCase.Resolve("LambdaState", 0)).Should().BeEquivalentTo(new { Error = "Lambda.ResourceNotReadyException", Cause = "Lambda resource is not ready." });
        ThrowOf(testCase.Resolve("LambdaState", 1)).Should().BeEquivalentTo(new { Error = "Lambda.TimeoutException", Cause = "Lambda timed out." });
        ThrowOf(testCase.Resolve("LambdaState", 2)).Should().BeEquivalentTo(new { Error = "Lambda.TimeoutException", Cause = "Lambda timed out." });
        ReturnOf(testCase.Resolve("LambdaState", 3)).Should().Be(LambdaSuccess);
        ReturnOf(testCase.Resolve("SQSState", 0)).Should().Be(SqsSuccess);
    }

    [Fact]
    public void Resolve_RetryPath_AttemptPastTheLastEntry_FailsWithStatesRuntime()
    {
        var resolution = _config.Resolve(Machine, "RetryPath", "LambdaState", 4);

        resolution.Kind.Should().Be(MockResolutionKind.NoEntryForAttempt);
        resolution.Response.Should().BeNull();
        resolution.MockedResponse!.Name.Should().Be("MockedLambdaRetry");
        resolution.Error.Should().Be("States.Runtime");
        resolution.Cause.Should().Be(
            "The mocked response 'MockedLambdaRetry' that test case 'RetryPath' of state machine 'LambdaSQSIntegration' uses for state 'LambdaState' has no entry for attempt 4: it covers attempts 0 to 3. Step Functions Local fails the execution when an attempt has no mocked response.");
    }

    [Fact]
    public void Resolve_HappyPath_SecondInvocation_HasNoEntry()
    {
        var resolution = _config.Resolve(Machine, "HappyPath", "SQSState", 1);

        resolution.Kind.Should().Be(MockResolutionKind.NoEntryForAttempt);
        resolution.Error.Should().Be("States.Runtime");
        resolution.Cause.Should().Contain("attempt 1").And.Contain("covers attempts 0 to 0");
    }

    [Fact]
    public void Resolve_HybridPath_SqsStateIsNotMockedAndLambdaStateIs()
    {
        var sqs = _config.Resolve(Machine, "HybridPath", "SQSState", 0);
        sqs.Kind.Should().Be(MockResolutionKind.NotMocked);
        sqs.MockedResponse.Should().BeNull();
        sqs.Error.Should().BeNull();

        ReturnOf(_config.Resolve(Machine, "HybridPath", "LambdaState", 0)).Should().Be(LambdaSuccess);
    }

    [Fact]
    public void Resolve_StateNamesAreCaseSensitive()
    {
        _config.Resolve(Machine, "HappyPath", "lambdastate", 0).Kind.Should().Be(MockResolutionKind.NotMocked);
    }

    [Fact]
    public void GetTestCase_UnknownStateMachineOrTestCase_ThrowsKeyNotFoundNamingWhatThereIs()
    {
        var noMachine = () => _config.GetTestCase("Other", "HappyPath");
        noMachine.Should().Throw<KeyNotFoundException>().WithMessage("*no state machine 'Other'*'LambdaSQSIntegration'*");

        var noCase = () => _config.GetTestCase(Machine, "SadPath");
        noCase.Should().Throw<KeyNotFoundException>().WithMessage("*no test case 'SadPath'*'HappyPath', 'RetryPath', 'HybridPath'*");

        _config.TryGetTestCase(Machine, "SadPath", out _).Should().BeFalse();
        _config.TryGetTestCase("Other", "HappyPath", out _).Should().BeFalse();
    }

    [Fact]
    public void Resolve_NegativeAttempt_ThrowsArgumentOutOfRange()
    {
        var act = () => _config.Resolve(Machine, "HappyPath", "LambdaState", -1);

        act.Should().Throw<ArgumentOutOfRangeException>();
    }

    private static JsonValue ReturnOf(MockResolution resolution)
    {
        resolution.Kind.Should().Be(MockResolutionKind.Mocked);
        return resolution.Response.Should().BeOfType<MockReturn>().Subject.Value;
    }

    private static MockThrow ThrowOf(MockResolution resolution)
    {
        resolution.Kind.Should().Be(MockResolutionKind.Mocked);
        return resolution.Response.Should().BeOfType<MockThrow>().Subject;
    }
}
