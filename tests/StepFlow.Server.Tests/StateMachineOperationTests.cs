using System.Net;
using System.Text.Json;

namespace StepFlow.Server.Tests;

/// <summary>The state machine operations over HTTP, as an AWS SDK calls them.</summary>
public sealed class StateMachineOperationTests : IAsyncLifetime
{
    private const string Arn = "arn:aws:states:us-east-1:123456789012:stateMachine:Orders";
    private const string Role = "arn:aws:iam::123456789012:role/sfn";
    private static readonly string Definition = JsonSerializer.Serialize("""{"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}}""");

    private StepFlowEngine _engine = null!;
    private LoopbackServer _server = null!;

    public async Task InitializeAsync()
    {
        _engine = StepFlowEngine.CreateBuilder().Build();
        _server = await LoopbackServer.StartAsync(_engine);
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        await _engine.DisposeAsync();
    }

    [Fact]
    public async Task CreateDescribeUpdateListDelete_AnswerAwsShapes()
    {
        var created = await Ok("CreateStateMachine", $$"""{"name":"Orders","definition":{{Definition}},"roleArn":"{{Role}}"}""");
        var described = await Ok("DescribeStateMachine", $$"""{"stateMachineArn":"{{Arn}}"}""");
        var updated = await Ok("UpdateStateMachine", $$"""{"stateMachineArn":"{{Arn}}","roleArn":"{{Role}}2"}""");
        var listed = await Ok("ListStateMachines", "{}");
        await Ok("DeleteStateMachine", $$"""{"stateMachineArn":"{{Arn}}"}""");
        using var gone = await _server.CallAsync("DescribeStateMachine", $$"""{"stateMachineArn":"{{Arn}}"}""");

        Names(created).Should().BeEquivalentTo("stateMachineArn", "creationDate");
        created.GetProperty("stateMachineArn").GetString().Should().Be(Arn);
        Names(described).Should().BeEquivalentTo(
            "stateMachineArn", "name", "status", "definition", "roleArn", "type", "creationDate", "loggingConfiguration", "tracingConfiguration");
        described.GetProperty("definition").GetString().Should().Be(JsonSerializer.Deserialize<string>(Definition));
        described.GetProperty("type").GetString().Should().Be("STANDARD");
        Names(updated).Should().BeEquivalentTo("updateDate", "revisionId");
        listed.GetProperty("stateMachines").EnumerateArray().Select(m => m.GetProperty("name").GetString()).Should().Equal("Orders");
        gone.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await LoopbackServer.BodyAsync(gone)).GetProperty("__type").GetString().Should().Be("StateMachineDoesNotExist");
    }

    [Fact]
    public async Task CreateStateMachine_Twice_IsIdempotent_AndAnotherDefinitionIsStateMachineAlreadyExists()
    {
        var body = $$"""{"name":"Orders","definition":{{Definition}},"roleArn":"{{Role}}"}""";
        var first = await Ok("CreateStateMachine", body);
        var second = await Ok("CreateStateMachine", body);
        using var other = await _server.CallAsync("CreateStateMachine", $$"""{"name":"Orders","definition":{{Definition}},"roleArn":"{{Role}}","type":"EXPRESS"}""");

        second.GetProperty("creationDate").GetDecimal().Should().Be(first.GetProperty("creationDate").GetDecimal());
        (await LoopbackServer.BodyAsync(other)).GetProperty("__type").GetString().Should().Be("StateMachineAlreadyExists");
    }

    [Fact]
    public async Task CreateStateMachine_BadDefinition_IsInvalidDefinition_AndBadTypeIsValidationException()
    {
        using var bad = await _server.CallAsync("CreateStateMachine", $$"""{"name":"Orders","definition":"{}","roleArn":"{{Role}}"}""");
        using var type = await _server.CallAsync("CreateStateMachine", $$"""{"name":"Orders","definition":{{Definition}},"roleArn":"{{Role}}","type":"BATCH"}""");

        (await LoopbackServer.BodyAsync(bad)).GetProperty("__type").GetString().Should().Be("InvalidDefinition");
        (await LoopbackServer.BodyAsync(type)).GetProperty("__type").GetString().Should().Be("ValidationException");
    }

    [Fact]
    public async Task ValidateStateMachineDefinition_EmptyObject_FailsWithARootDiagnostic()
    {
        var result = await Ok("ValidateStateMachineDefinition", """{"definition":"{}","type":"STANDARD"}""");

        result.GetProperty("result").GetString().Should().Be("FAIL");
        result.GetProperty("truncated").GetBoolean().Should().BeFalse();
        var diagnostic = result.GetProperty("diagnostics")[0];
        diagnostic.GetProperty("code").GetString().Should().Be("SCHEMA_VALIDATION_FAILED");
        diagnostic.GetProperty("location").GetString().Should().Be("/");
        diagnostic.GetProperty("severity").GetString().Should().Be("ERROR");
    }

    [Fact]
    public async Task DescribeStateMachineForExecution_NamesTheExecutionsMachine()
    {
        await Ok("CreateStateMachine", $$"""{"name":"Orders","definition":{{Definition}},"roleArn":"{{Role}}"}""");
        var started = await Ok("StartExecution", $$"""{"stateMachineArn":"{{Arn}}"}""");

        var result = await Ok("DescribeStateMachineForExecution", $$"""{"executionArn":"{{started.GetProperty("executionArn").GetString()}}"}""");

        Names(result).Should().BeEquivalentTo(
            "stateMachineArn", "name", "definition", "roleArn", "updateDate", "loggingConfiguration", "tracingConfiguration");
        result.GetProperty("stateMachineArn").GetString().Should().Be(Arn);
    }

    [Fact]
    public async Task ListStateMachines_PagesWithAnOpaqueToken_AndRefusesAForgedOne()
    {
        foreach (var name in new[] { "A", "B", "C" })
        {
            await Ok("CreateStateMachine", $$"""{"name":"{{name}}","definition":{{Definition}},"roleArn":"{{Role}}"}""");
        }

        var first = await Ok("ListStateMachines", """{"maxResults":2}""");
        var second = await Ok("ListStateMachines", $$"""{"maxResults":2,"nextToken":"{{first.GetProperty("nextToken").GetString()}}"}""");
        using var forged = await _server.CallAsync("ListStateMachines", """{"nextToken":"forged"}""");

        first.GetProperty("stateMachines").GetArrayLength().Should().Be(2);
        second.GetProperty("stateMachines").GetArrayLength().Should().Be(1);
        second.TryGetProperty("nextToken", out _).Should().BeFalse();
        (await LoopbackServer.BodyAsync(forged)).GetProperty("__type").GetString().Should().Be("InvalidToken");
    }

    private static IEnumerable<string> Names(JsonElement body) => body.EnumerateObject().Select(p => p.Name);

    private async Task<JsonElement> Ok(string operation, string body)
    {
        using var response = await _server.CallAsync(operation, body);
        var result = await LoopbackServer.BodyAsync(response);
        response.StatusCode.Should().Be(HttpStatusCode.OK, result.ToString());
        return result;
    }
}
