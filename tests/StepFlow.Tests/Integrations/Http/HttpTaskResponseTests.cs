using StepFlow.Errors;
using StepFlow.Execution;
using StepFlow.Integrations.Http;
using StepFlow.Json;
using StepFlow.Persistence;
using StepFlow.Tests.Support;
using static StepFlow.Tests.Integrations.Http.HttpTaskTestHost;

namespace StepFlow.Tests.Integrations.Http;

/// <summary>What the HTTP Task returns: AWS's result shape, JSON parsed or text kept, unsupported responses.</summary>
public sealed class HttpTaskResponseTests
{
    [Fact]
    public async Task JsonResponse_ReturnsHeadersParsedBodyStatusCodeAndStatusText()
    {
        await using var server = new LoopbackHttpServer(_ => CannedResponse.Json("""{"id":"c1","tags":["a"]}""") with
        {
            Headers = [new("X-Request-Id", "r-1")],
        });

        var result = await RunAsync(Machine(Target(server)));

        result.Status.Should().Be(ExecutionStatus.Succeeded, result.Cause);
        var output = (JsonObject)result.Output!;
        output.Keys.Should().Equal("Headers", "ResponseBody", "StatusCode", "StatusText");
        output["ResponseBody"].Should().Be(JsonValue.Parse("""{"id":"c1","tags":["a"]}"""));
        output["StatusCode"].Should().Be(JsonValue.From(200));
        output["StatusText"].Should().Be(JsonValue.From("OK"));
        var headers = (JsonObject)output["Headers"];
        headers["x-request-id"].Should().Be(JsonValue.Parse("""["r-1"]"""));
        headers["content-type"].Should().Be(JsonValue.Parse("""["application/json"]"""));
    }

    [Theory]
    [InlineData("text/plain; charset=utf-8", "{\"looks\":\"like json\"}")]
    [InlineData("text/html", "<p>hi</p>")]
    [InlineData("application/json", "{not json")]
    public async Task NonJsonOrUnparsableBody_IsKeptAsAString(string contentType, string body)
    {
        await using var server = new LoopbackHttpServer(_ => new CannedResponse(200, "OK", contentType, body));

        var result = await RunAsync(Machine(Target(server)));

        result.Status.Should().Be(ExecutionStatus.Succeeded, result.Cause);
        ((JsonObject)result.Output!)["ResponseBody"].Should().Be(JsonValue.From(body));
    }

    [Fact]
    public async Task ProblemJsonBody_IsParsed()
    {
        await using var server = new LoopbackHttpServer(_ => new CannedResponse(201, "Created", "application/problem+json; charset=utf-8", """[1,2]"""));

        var result = await RunAsync(Machine(Target(server, "POST")));

        result.Status.Should().Be(ExecutionStatus.Succeeded, result.Cause);
        var output = (JsonObject)result.Output!;
        output["ResponseBody"].Should().Be(JsonValue.Parse("[1,2]"));
        output["StatusCode"].Should().Be(JsonValue.From(201));
        output["StatusText"].Should().Be(JsonValue.From("Created"));
    }

    [Fact]
    public async Task EmptyBody_LeavesResponseBodyOut()
    {
        await using var server = new LoopbackHttpServer(_ => new CannedResponse(204, "No Content", null));

        var result = await RunAsync(Machine(Target(server, "DELETE")));

        result.Status.Should().Be(ExecutionStatus.Succeeded, result.Cause);
        ((JsonObject)result.Output!).Keys.Should().Equal("Headers", "StatusCode", "StatusText");
    }

    [Fact]
    public async Task ResultSelector_CanPickTheParsedBody()
    {
        await using var server = new LoopbackHttpServer(_ => CannedResponse.Json("""{"total":42}"""));

        var result = await RunAsync(Machine(Target(server), """ "ResultSelector": { "total.$": "$.ResponseBody.total" }, """));

        result.Output.Should().Be(JsonValue.Parse("""{"total":42}"""));
    }

    [Theory]
    [InlineData("application/octet-stream")]
    [InlineData("image/png")]
    [InlineData("audio/mpeg")]
    [InlineData("video/mp4")]
    public async Task BinaryContentType_FailsWithStatesRuntime(string contentType)
    {
        await using var server = new LoopbackHttpServer(_ => new CannedResponse(200, "OK", contentType, "abc"));

        var result = await RunAsync(Machine(Target(server)));

        result.Error.Should().Be(StatesErrorNames.Runtime);
        result.Cause.Should().Contain(contentType);
    }

    [Fact]
    public async Task BodyThatIsNotText_FailsWithStatesRuntime()
    {
        await using var server = new LoopbackHttpServer(_ => new CannedResponse(200, "OK", "text/plain") { RawBody = [0xC3, 0x28, 0xFF] });

        var result = await RunAsync(Machine(Target(server)));

        result.Error.Should().Be(StatesErrorNames.Runtime);
        result.Cause.Should().Contain("not valid text");
    }

    [Fact]
    public async Task BodyLargerThanTheLimit_FailsWithDataLimitExceeded()
    {
        await using var server = new LoopbackHttpServer(_ => CannedResponse.Text(new string('x', 2_000)));

        var result = await RunAsync(Machine(Target(server)), options: new HttpTaskOptions { MaxResponseBodyBytes = 1_000, AllowPrivateNetworks = true });

        result.Error.Should().Be(StatesErrorNames.DataLimitExceeded);
        result.Cause.Should().Contain("1000 bytes");
    }
}
