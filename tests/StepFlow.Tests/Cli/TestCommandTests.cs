using System.Xml.Linq;
using StepFlow.Cli;
using StepFlow.Json;

namespace StepFlow.Tests.Cli;

/// <summary>
/// <c>stepflow test</c> runs AWS's LambdaSQSIntegration example (samples/lambda-sqs-mocks) unchanged, each test case
/// taking the path AWS documents.
/// </summary>
public sealed class TestCommandTests : IDisposable
{
    private static readonly string Folder = Path.Combine(AppContext.BaseDirectory, "Samples", "lambda-sqs-mocks");
    private static readonly string Definition = Path.Combine(Folder, "definition.json");
    private static readonly string MockConfig = Path.Combine(Folder, "MockConfigFile.json");
    private readonly string _temp = Directory.CreateTempSubdirectory("stepflow-test-cmd").FullName;

    public void Dispose() => Directory.Delete(_temp, recursive: true);

    private static async Task<(int Code, string Out, string Err)> RunAsync(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = await Program.RunAsync(args, stdout, stderr, CancellationToken.None);
        return (code, stdout.ToString(), stderr.ToString());
    }

    private static string[] Args(string testCase, params string[] more) =>
        ["test", Definition, "--mock-config", MockConfig, "--state-machine", "LambdaSQSIntegration", "--test-case", testCase, .. more];

    [Theory]
    [InlineData("HappyPath")]
    [InlineData("RetryPath")]
    public async Task Test_SqsMockedTestCase_PrintsTheMockedSqsResponse(string testCase)
    {
        var (code, output, error) = await RunAsync(Args(testCase));

        code.Should().Be(ExitCodes.Success, error);
        JsonValue.Parse(output).Should().Be(JsonValue.Parse("""{"MD5OfMessageBody":"3bcb6e8e-7h85-4375-b0bc-1a59812c6e51","MessageId":"3bcb6e8e-8b51-4375-b0bc-1a59812c6e51"}"""));
    }

    [Fact]
    public async Task Test_RetryPathWithHistory_ShowsThreeFailedAttemptsThenSuccess()
    {
        var (code, _, error) = await RunAsync(Args("RetryPath", "--history"));

        code.Should().Be(ExitCodes.Success);
        var lines = error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        lines.Count(l => l.EndsWith(" TaskFailed", StringComparison.Ordinal)).Should().Be(3);
        lines.Where(l => l.Contains("StateEntered", StringComparison.Ordinal)).Should().Equal("2 TaskStateEntered LambdaState", "16 TaskStateEntered SQSState");
    }

    [Fact]
    public async Task Test_HybridPath_CallsTheRealSqsHandler()
    {
        var (failed, _, failure) = await RunAsync(Args("HybridPath"));
        var (echoed, output, _) = await RunAsync(Args("HybridPath", "--echo-tasks"));

        failed.Should().Be(ExitCodes.ExecutionFailed);
        failure.Should().Be(
            "Error: States.TaskFailed" + Environment.NewLine +
            "Cause: No task handler is registered for the resource 'arn:aws:states:::sqs:sendMessage' (state 'SQSState')." + Environment.NewLine);
        echoed.Should().Be(ExitCodes.Success);
        JsonValue.Parse(output).Should().Be(JsonValue.Parse("""{"QueueUrl":"https://sqs.us-east-1.amazonaws.com/123456789012/myQueue","MessageBody":{"StatusCode":200,"Payload":{"StatusCode":200,"body":"Hello from Lambda!"}}}"""));
    }

    [Fact]
    public async Task Test_WithoutTestCase_RunsEveryTestCaseAndPrintsASummary()
    {
        var (code, output, _) = await RunAsync("test", Definition, "--mock-config", MockConfig);

        code.Should().Be(ExitCodes.ExecutionFailed, "HybridPath has no real SQS handler");
        output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Should().Equal(
            "HappyPath: SUCCEEDED via LambdaState -> SQSState",
            "RetryPath: SUCCEEDED via LambdaState -> SQSState",
            "HybridPath: FAILED States.TaskFailed via LambdaState -> SQSState",
            "LambdaSQSIntegration: 3 test cases, 2 succeeded, 1 failed");
    }

    [Fact]
    public async Task Test_Junit_WritesOneTestCasePerMockTestCaseWithTheFailure()
    {
        var junit = Path.Combine(_temp, "results.xml");

        await RunAsync("test", Definition, "--mock-config", MockConfig, "--junit", junit);

        var xml = XDocument.Load(junit);
        var suite = xml.Root!.Element("testsuite")!;
        suite.Attribute("name")!.Value.Should().Be("LambdaSQSIntegration");
        (suite.Attribute("tests")!.Value, suite.Attribute("failures")!.Value).Should().Be(("3", "1"));
        suite.Elements("testcase").Select(t => t.Attribute("name")!.Value).Should().Equal("HappyPath", "RetryPath", "HybridPath");
        var failure = suite.Elements("testcase").Single(t => t.Element("failure") is not null);
        failure.Attribute("name")!.Value.Should().Be("HybridPath");
        failure.Element("failure")!.Attribute("type")!.Value.Should().Be("States.TaskFailed");
        failure.Element("system-out")!.Value.Should().StartWith("Path: LambdaState -> SQSState");
    }

    [Fact]
    public async Task Test_MalformedMockConfig_ExitsInvalidNamingThePlace()
    {
        var bad = Path.Combine(_temp, "bad.json");
        await File.WriteAllTextAsync(bad, """{"StateMachines":{"M":{"TestCases":{"T":{"S":"Missing"}}}},"MockedResponses":{}}""");

        var (code, _, error) = await RunAsync("test", Definition, "--mock-config", bad);

        code.Should().Be(ExitCodes.Invalid);
        error.Should().Contain("/StateMachines/M/TestCases/T/S").And.Contain("MockConfig.UnknownMockedResponse");
    }

    [Fact]
    public async Task Test_UnknownTestCase_IsAUsageErrorListingTheTestCases()
    {
        var (code, _, error) = await RunAsync(Args("SadPath"));

        code.Should().Be(ExitCodes.Usage);
        error.Should().StartWith("The state machine 'LambdaSQSIntegration' has no test case 'SadPath'; it has 'HappyPath', 'RetryPath', 'HybridPath'.");
    }

    [Fact]
    public async Task Test_MissingMockConfigFile_ExitsNoInput()
    {
        var (code, _, error) = await RunAsync("test", Definition, "--mock-config", Path.Combine(_temp, "none.json"));

        code.Should().Be(ExitCodes.Invalid);
        error.Should().Contain("MockConfig.FileNotReadable");
    }

    [Fact]
    public async Task Test_SfnMockConfigVariable_NamesTheFileAndWithoutItThereIsNone()
    {
        var before = Environment.GetEnvironmentVariable("SFN_MOCK_CONFIG");
        try
        {
            Environment.SetEnvironmentVariable("SFN_MOCK_CONFIG", MockConfig);
            var (code, output, _) = await RunAsync("test", Definition, "--test-case", "HappyPath");
            Environment.SetEnvironmentVariable("SFN_MOCK_CONFIG", null);
            var (none, _, error) = await RunAsync("test", Definition);

            code.Should().Be(ExitCodes.Success);
            output.Should().Contain("3bcb6e8e-8b51-4375-b0bc-1a59812c6e51");
            none.Should().Be(ExitCodes.NoInput);
            error.Should().StartWith("No mock config file: pass --mock-config <file>, set SFN_MOCK_CONFIG, or put MockConfigFile.json in the current directory.");
        }
        finally
        {
            Environment.SetEnvironmentVariable("SFN_MOCK_CONFIG", before);
        }
    }

    [Fact]
    public async Task Test_InvalidDefinition_ExitsInvalidWithTheDiagnostics()
    {
        var bad = Path.Combine(_temp, "bad.asl.json");
        await File.WriteAllTextAsync(bad, """{"StartAt":"Nowhere","States":{"A":{"Type":"Pass","End":true}}}""");

        var (code, _, error) = await RunAsync("test", bad, "--mock-config", MockConfig);

        code.Should().Be(ExitCodes.Invalid);
        error.Should().Contain("Nowhere");
    }

    [Fact]
    public async Task Test_InputThatIsNotJson_ExitsInvalid()
    {
        var (code, _, error) = await RunAsync(Args("HappyPath", "--input", "{not json"));

        code.Should().Be(ExitCodes.Invalid);
        error.Should().StartWith("The input is neither an existing file nor valid JSON");
    }

    [Fact]
    public async Task Test_UnknownStateMachine_IsAUsageErrorListingTheStateMachines()
    {
        var (code, _, error) = await RunAsync("test", Definition, "--mock-config", MockConfig, "--state-machine", "Other");

        code.Should().Be(ExitCodes.Usage);
        error.Should().StartWith("The mock config file has no state machine 'Other'; it has 'LambdaSQSIntegration'.");
    }

    [Fact]
    public async Task Test_TwoStateMachinesAndNoName_IsAUsageError()
    {
        var two = Path.Combine(_temp, "two.json");
        await File.WriteAllTextAsync(two, """{"StateMachines":{"A":{"TestCases":{}},"B":{"TestCases":{}}},"MockedResponses":{}}""");

        var (code, _, error) = await RunAsync("test", Definition, "--mock-config", two);

        code.Should().Be(ExitCodes.Usage);
        error.Should().StartWith("Name the state machine with --state-machine: the mock config file has 'A', 'B'.");
    }

    [Fact]
    public async Task Test_MockConfigIsADirectory_ExitsInvalidNamingIt()
    {
        var (code, _, error) = await RunAsync("test", Definition, "--mock-config", _temp);

        code.Should().Be(ExitCodes.Invalid);
        error.Should().Contain("MockConfig.FileNotReadable");
    }

    [Fact]
    public async Task Test_StateMachineWithNoTestCases_PrintsAnEmptySummary()
    {
        var empty = Path.Combine(_temp, "empty.json");
        await File.WriteAllTextAsync(empty, """{"StateMachines":{"A":{"TestCases":{}}},"MockedResponses":{}}""");

        var (code, output, _) = await RunAsync("test", Definition, "--mock-config", empty);

        code.Should().Be(ExitCodes.Success);
        output.Trim().Should().Be("A: 0 test cases, 0 succeeded, 0 failed");
    }
}
