using System.Net;
using System.Text.Json;
using StepFlow.Parsing;

namespace StepFlow.Server.Tests;

/// <summary>
/// The AWS JSON 1.0 protocol: targets, bodies and errors as AWS Step Functions answers them
/// (<c>{"__type", "message"}</c> with AWS's HTTP statuses), SigV4 headers accepted, the <c>sync-</c> host prefix answered.
/// </summary>
public sealed class ProtocolTests : IAsyncLifetime
{
    private const string Arn = "arn:aws:states:us-east-1:123456789012:stateMachine:Hello";
    private const string Definition = """{"StartAt":"P","States":{"P":{"Type":"Pass","Result":{"hello":"world"},"End":true}}}""";

    private StepFlowEngine _engine = null!;
    private LoopbackServer _server = null!;

    public async Task InitializeAsync()
    {
        _engine = StepFlowEngine.CreateBuilder()
            .AddStateMachine("Hello", StateMachine.Parse(Definition))
            .AddStateMachine("HelloExpress", StateMachine.Parse(Definition), StateMachineType.Express)
            .Build();
        _server = await LoopbackServer.StartAsync(_engine, new StepFunctionsApiOptions { MaxRequestBytes = 64 * 1024 });
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        await _engine.DisposeAsync();
    }

    [Fact]
    public async Task StartExecution_SignedRequest_AnswersTheArnAndAnEpochSecondsStartDate()
    {
        using var response = await _server.CallAsync("StartExecution", $$"""{"stateMachineArn":"{{Arn}}","name":"first","input":"{\"a\":1}"}""");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/x-amz-json-1.0");
        var body = await LoopbackServer.BodyAsync(response);
        body.GetProperty("executionArn").GetString().Should().Be("arn:aws:states:us-east-1:123456789012:execution:Hello:first");
        body.GetProperty("startDate").ValueKind.Should().Be(JsonValueKind.Number);
        body.EnumerateObject().Select(p => p.Name).Should().BeEquivalentTo("executionArn", "startDate");
    }

    [Fact]
    public async Task DescribeExecution_AfterTheRunEnds_AnswersAwsMembers()
    {
        using var started = await _server.CallAsync("StartExecution", $$"""{"stateMachineArn":"{{Arn}}","input":"{}"}""");
        var executionArn = (await LoopbackServer.BodyAsync(started)).GetProperty("executionArn").GetString()!;
        await _engine.WaitForExecutionAsync(executionArn);

        using var response = await _server.CallAsync("DescribeExecution", $$"""{"executionArn":"{{executionArn}}"}""");

        var body = await LoopbackServer.BodyAsync(response);
        body.GetProperty("status").GetString().Should().Be("SUCCEEDED");
        body.GetProperty("output").GetString().Should().Be("""{"hello":"world"}""");
        body.GetProperty("inputDetails").GetProperty("included").GetBoolean().Should().BeTrue();
        body.GetProperty("stopDate").ValueKind.Should().Be(JsonValueKind.Number);
    }

    [Fact]
    public async Task GetExecutionHistory_NamesEachEventsDetailsAsAwsDoes()
    {
        using var started = await _server.CallAsync("StartExecution", $$"""{"stateMachineArn":"{{Arn}}"}""");
        var executionArn = (await LoopbackServer.BodyAsync(started)).GetProperty("executionArn").GetString()!;
        await _engine.WaitForExecutionAsync(executionArn);

        using var response = await _server.CallAsync("GetExecutionHistory", $$"""{"executionArn":"{{executionArn}}"}""");

        var events = (await LoopbackServer.BodyAsync(response)).GetProperty("events").EnumerateArray().ToList();
        events.Select(e => e.GetProperty("type").GetString()).Should().Equal(
            "ExecutionStarted", "PassStateEntered", "PassStateExited", "ExecutionSucceeded");
        events[0].TryGetProperty("executionStartedEventDetails", out _).Should().BeTrue();
        events[1].GetProperty("stateEnteredEventDetails").GetProperty("name").GetString().Should().Be("P");
        events[2].TryGetProperty("stateExitedEventDetails", out _).Should().BeTrue();
        events[3].TryGetProperty("executionSucceededEventDetails", out _).Should().BeTrue();
    }

    [Fact]
    public async Task StartSyncExecution_OnTheSyncHostPrefix_IsAnsweredOnTheSameListener()
    {
        using var response = await _server.CallAsync(
            "StartSyncExecution",
            """{"stateMachineArn":"arn:aws:states:us-east-1:123456789012:stateMachine:HelloExpress","input":"{}"}""",
            host: "sync-states.us-east-1.localhost");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var body = await LoopbackServer.BodyAsync(response);
        body.GetProperty("status").GetString().Should().Be("SUCCEEDED");
        body.GetProperty("output").GetString().Should().Be("""{"hello":"world"}""");
    }

    [Theory]
    [InlineData("CreateStateMachineButMisspelt")]
    [InlineData("")]
    public async Task UnknownTarget_IsUnknownOperationException404(string operation)
    {
        using var response = await _server.CallAsync(operation, "{}");

        await ShouldBeError(response, HttpStatusCode.NotFound, "UnknownOperationException");
    }

    [Theory]
    [InlineData("{\"stateMachineArn\":")]
    [InlineData("not json")]
    [InlineData("[1,2]")]
    [InlineData("")]
    public async Task MalformedBody_IsSerializationException400(string body)
    {
        using var response = await _server.CallAsync("StartExecution", body);

        await ShouldBeError(response, HttpStatusCode.BadRequest, "SerializationException");
    }

    [Fact]
    public async Task MemberOfTheWrongType_IsSerializationExceptionNamingIt()
    {
        using var response = await _server.CallAsync("StartExecution", """{"stateMachineArn":42}""");

        var body = await ShouldBeError(response, HttpStatusCode.BadRequest, "SerializationException");
        body.GetProperty("message").GetString().Should().Contain("stateMachineArn");
    }

    [Fact]
    public async Task MissingRequiredMember_IsValidationExceptionInAwsWords()
    {
        using var response = await _server.CallAsync("DescribeExecution", "{}");

        var body = await ShouldBeError(response, HttpStatusCode.BadRequest, "ValidationException");
        body.GetProperty("message").GetString().Should().Be(
            "1 validation error detected: Value null at 'executionArn' failed to satisfy constraint: Member must not be null");
    }

    [Fact]
    public async Task OversizedBody_IsRequestEntityTooLarge413_AndTheServerKeepsAnswering()
    {
        var input = new string('x', 70 * 1024);
        using var response = await _server.CallAsync("StartExecution", $$"""{"stateMachineArn":"{{Arn}}","input":"\"{{input}}\""}""");

        await ShouldBeError(response, HttpStatusCode.RequestEntityTooLarge, "RequestEntityTooLargeException");
        using var next = await _server.CallAsync("StartExecution", $$"""{"stateMachineArn":"{{Arn}}"}""");
        next.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task EngineRefusal_CarriesTheEnginesAwsErrorName()
    {
        using var missing = await _server.CallAsync("DescribeExecution", """{"executionArn":"arn:aws:states:us-east-1:123456789012:execution:Hello:nope"}""");
        using var malformed = await _server.CallAsync("StartExecution", """{"stateMachineArn":"not-an-arn"}""");
        using var badInput = await _server.CallAsync("StartExecution", $$"""{"stateMachineArn":"{{Arn}}","input":"{oops"}""");

        await ShouldBeError(missing, HttpStatusCode.BadRequest, "ExecutionDoesNotExist");
        await ShouldBeError(malformed, HttpStatusCode.BadRequest, "InvalidArn");
        await ShouldBeError(badInput, HttpStatusCode.BadRequest, "InvalidExecutionInput");
    }

    [Fact]
    public async Task GetRequest_IsMalformedHttpRequestException()
    {
        using var response = await _server.Client.GetAsync(new Uri("/", UriKind.Relative));

        await ShouldBeError(response, HttpStatusCode.BadRequest, "MalformedHttpRequestException");
    }

    [Fact]
    public async Task ConcurrentStarts_AreAllAnswered()
    {
        var calls = Enumerable.Range(0, 200).Select(async i =>
        {
            using var response = await _server.CallAsync("StartExecution", $$"""{"stateMachineArn":"{{Arn}}","name":"c{{i}}"}""");
            return response.StatusCode;
        });

        (await Task.WhenAll(calls)).Should().AllBeEquivalentTo(HttpStatusCode.OK);
    }

    private static async Task<JsonElement> ShouldBeError(HttpResponseMessage response, HttpStatusCode status, string type)
    {
        var body = await LoopbackServer.BodyAsync(response);
        response.StatusCode.Should().Be(status, body.ToString());
        body.GetProperty("__type").GetString().Should().Be(type);
        body.GetProperty("message").GetString().Should().NotBeNullOrEmpty();
        body.EnumerateObject().Select(p => p.Name).Should().BeEquivalentTo("__type", "message");
        return body;
    }
}
