using Microsoft.Extensions.Time.Testing;
using StepFlow.Json;
using StepFlow.Parsing;
using StepFlow.Persistence;
using StepFlow.Service;

namespace StepFlow.Tests.Service;

/// <summary>The state machine API at run time: Create, Describe, Update and Delete with AWS's errors.</summary>
public sealed class StateMachineApiTests
{
    private const string Arn = "arn:aws:states:us-east-1:123456789012:stateMachine:Orders";
    private const string First = """{"StartAt":"P","States":{"P":{"Type":"Pass","Result":"first","End":true}}}""";
    private const string Second = """{"StartAt":"P","States":{"P":{"Type":"Pass","Result":"second","End":true}}}""";

    [Fact]
    public async Task CreateStateMachine_ThenStart_RunsTheCreatedMachine()
    {
        await using var engine = StepFlowEngine.CreateBuilder().Build();

        var created = await engine.CreateStateMachineAsync("Orders", First, roleArn: "arn:aws:iam::123456789012:role/r");
        var started = await engine.StartExecutionAsync(created.Arn);
        var described = await engine.WaitForExecutionAsync(started.ExecutionArn);

        created.Arn.Should().Be(Arn);
        created.Definition.Should().Be(First);
        created.RoleArn.Should().Be("arn:aws:iam::123456789012:role/r");
        described.Output!.ToJsonString().Should().Be("\"first\"");
        engine.StateMachines.Select(m => m.Arn).Should().Equal(Arn);
    }

    [Fact]
    public async Task CreateStateMachine_SameNameSameDefinition_ReturnsTheExistingMachine()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        await using var engine = StepFlowEngine.CreateBuilder().UseTimeProvider(clock).Build();

        var first = await engine.CreateStateMachineAsync("Orders", First);
        clock.Advance(TimeSpan.FromMinutes(1));
        var again = await engine.CreateStateMachineAsync("Orders", First);

        again.Should().BeSameAs(first);
        again.CreationDate.Should().Be(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
    }

    [Fact]
    public async Task CreateStateMachine_SameNameOtherDefinition_IsStateMachineAlreadyExists()
    {
        await using var engine = StepFlowEngine.CreateBuilder().Build();
        await engine.CreateStateMachineAsync("Orders", First);

        var act = () => engine.CreateStateMachineAsync("Orders", Second);

        (await act.Should().ThrowAsync<ExecutionApiException>()).Which.Should().Match<ExecutionApiException>(e =>
            e.ErrorCode == ExecutionApiErrorCodes.StateMachineAlreadyExists && e.Message == $"State Machine Already Exists: '{Arn}'");
    }

    [Fact]
    public async Task CreateStateMachine_InvalidDefinition_IsInvalidDefinitionWithCodeAndLocation()
    {
        await using var engine = StepFlowEngine.CreateBuilder().Build();

        var act = () => engine.CreateStateMachineAsync("Orders", """{"StartAt":"P"}""");

        (await act.Should().ThrowAsync<ExecutionApiException>()).Which.Should().Match<ExecutionApiException>(e =>
            e.ErrorCode == ExecutionApiErrorCodes.InvalidDefinition &&
            e.Message.StartsWith("Invalid State Machine Definition: 'SCHEMA_VALIDATION_FAILED: ", StringComparison.Ordinal) &&
            e.Message.EndsWith(" at /'", StringComparison.Ordinal));
        engine.StateMachines.Should().BeEmpty();
    }

    [Fact]
    public async Task CreateStateMachine_ExpressWithWaitForTaskToken_IsInvalidDefinition()
    {
        await using var engine = StepFlowEngine.CreateBuilder().Build();
        const string definition = """
            {"StartAt":"Ask","States":{"Ask":{"Type":"Task","Resource":"arn:aws:states:::sqs:sendMessage.waitForTaskToken",
             "Parameters":{"QueueUrl":"q","MessageBody":{"t.$":"$$.Task.Token"}},"End":true}}}
            """;

        var act = () => engine.CreateStateMachineAsync("Quick", definition, StateMachineType.Express);

        (await act.Should().ThrowAsync<ExecutionApiException>()).Which.ErrorCode.Should().Be(ExecutionApiErrorCodes.InvalidDefinition);
    }

    [Theory]
    [InlineData("")]
    [InlineData("has space")]
    [InlineData("a*b")]
    public async Task CreateStateMachine_InvalidName_IsInvalidName(string name)
    {
        await using var engine = StepFlowEngine.CreateBuilder().Build();

        var act = () => engine.CreateStateMachineAsync(name, First);

        (await act.Should().ThrowAsync<ExecutionApiException>()).Which.Should().Match<ExecutionApiException>(e =>
            e.ErrorCode == ExecutionApiErrorCodes.InvalidName && e.Message == $"Invalid Name: '{name}'");
    }

    [Fact]
    public async Task UpdateStateMachine_NewDefinition_NewExecutionsRunItAndRunningOnesKeepTheirs()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        await using var engine = StepFlowEngine.CreateBuilder().UseTimeProvider(clock).Build();
        var waits = """{"StartAt":"W","States":{"W":{"Type":"Wait","Seconds":10,"Next":"P"},"P":{"Type":"Pass","Result":"first","End":true}}}""";
        await engine.CreateStateMachineAsync("Orders", waits);
        var before = await engine.StartExecutionAsync(Arn);

        clock.Advance(TimeSpan.FromSeconds(1));
        var updated = await engine.UpdateStateMachineAsync(Arn, Second, null);
        var after = await engine.WaitForExecutionAsync((await engine.StartExecutionAsync(Arn)).ExecutionArn);
        clock.Advance(TimeSpan.FromSeconds(10));
        var old = await engine.WaitForExecutionAsync(before.ExecutionArn);

        updated.Definition.Should().Be(Second);
        updated.UpdateDate.Should().Be(new DateTimeOffset(2026, 1, 1, 0, 0, 1, TimeSpan.Zero));
        Guid.TryParse(updated.RevisionId, out _).Should().BeTrue();
        (await engine.DescribeStateMachineAsync(Arn)).Should().BeSameAs(updated);
        after.Output!.ToJsonString().Should().Be("\"second\"");
        old.Output!.ToJsonString().Should().Be("\"first\"");
    }

    [Fact]
    public async Task UpdateStateMachine_NothingToChange_IsMissingRequiredParameter()
    {
        await using var engine = StepFlowEngine.CreateBuilder().Build();
        await engine.CreateStateMachineAsync("Orders", First);

        var act = () => engine.UpdateStateMachineAsync(Arn, null, null);

        (await act.Should().ThrowAsync<ExecutionApiException>()).Which.ErrorCode.Should().Be(ExecutionApiErrorCodes.MissingRequiredParameter);
    }

    [Fact]
    public async Task UpdateStateMachine_InvalidDefinition_KeepsTheMachineAsItWas()
    {
        await using var engine = StepFlowEngine.CreateBuilder().Build();
        var created = await engine.CreateStateMachineAsync("Orders", First);

        var act = () => engine.UpdateStateMachineAsync(Arn, "{", null);

        (await act.Should().ThrowAsync<ExecutionApiException>()).Which.ErrorCode.Should().Be(ExecutionApiErrorCodes.InvalidDefinition);
        (await engine.DescribeStateMachineAsync(Arn)).Should().BeSameAs(created);
    }

    [Fact]
    public async Task DeleteStateMachine_ThenStartOrDescribe_IsStateMachineDoesNotExist_AndDeletingAgainSucceeds()
    {
        await using var engine = StepFlowEngine.CreateBuilder().Build();
        await engine.CreateStateMachineAsync("Orders", First);

        await engine.DeleteStateMachineAsync(Arn);
        var start = () => engine.StartExecutionAsync(Arn);
        var describe = () => engine.DescribeStateMachineAsync(Arn);

        (await start.Should().ThrowAsync<ExecutionApiException>()).Which.ErrorCode.Should().Be(ExecutionApiErrorCodes.StateMachineDoesNotExist);
        (await describe.Should().ThrowAsync<ExecutionApiException>()).Which.Message.Should().Be($"State Machine Does Not Exist: '{Arn}'");
        await engine.Invoking(e => e.DeleteStateMachineAsync(Arn)).Should().NotThrowAsync();
    }

    [Theory]
    [InlineData("not_a_valid_arn", "Invalid Arn: 'Invalid ARN prefix: not_a_valid_arn'")]
    [InlineData("arn:aws:states:us-east-1:123456789012:activity:A", "Invalid Arn: 'Resource type not valid in this context: activity'")]
    public async Task DescribeStateMachine_NotAStateMachineArn_IsInvalidArnInAwsWords(string arn, string message)
    {
        await using var engine = StepFlowEngine.CreateBuilder().Build();

        var act = () => engine.DescribeStateMachineAsync(arn);

        (await act.Should().ThrowAsync<ExecutionApiException>()).Which.Should().Match<ExecutionApiException>(e =>
            e.ErrorCode == ExecutionApiErrorCodes.InvalidArn && e.Message == message);
    }

    [Fact]
    public async Task BuilderMachine_IsDescribedWithItsDefinitionAndTheBuildTime()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        await using var engine = StepFlowEngine.CreateBuilder().UseTimeProvider(clock).AddStateMachine("Orders", StateMachine.Parse(First)).Build();

        var described = await engine.DescribeStateMachineAsync(Arn);

        JsonValue.Parse(described.Definition).Should().Be(JsonValue.Parse(First));
        described.CreationDate.Should().Be(clock.GetUtcNow());
        described.RoleArn.Should().BeNull();
        (await engine.StartExecutionAsync(Arn)).ExecutionArn.Should().StartWith("arn:aws:states:us-east-1:123456789012:execution:Orders:");
    }
}
