using StepFlow.Integrations.Http;
using StepFlow.Json;
using StepFlow.Service.TestState;
using StepFlow.Tests.Integrations.Http;
using StepFlow.Tests.Support;

namespace StepFlow.Tests.Service.TestState;

/// <summary>
/// TestState at TRACE shows an HTTP Task's request and response (AWS's <c>inspectionData.request</c>/<c>response</c>);
/// what the connection added stays hidden unless <c>revealSecrets</c> is set; DEBUG shows neither.
/// </summary>
public sealed class TestStateHttpTraceTests
{
    private const string Secret = "s3cr3t-key";

    [Fact]
    public async Task Trace_ShowsTheRequestSentAndTheResponseReceived()
    {
        await using var server = new LoopbackHttpServer(_ => CannedResponse.Json("""{"ok":true}"""));

        var response = await TestAsync(server, TestStateInspectionLevel.Trace, revealSecrets: false);

        response.Status.Should().Be(TestStateStatus.Succeeded);
        var request = response.InspectionData!.Request!;
        request.Protocol.Should().Be("http");
        request.Method.Should().Be("POST");
        request.Url.Should().StartWith($"{server.BaseAddress}items?page=2&api_key=");
        request.Url.Should().NotContain(Secret);
        request.Body.Should().Be("""{"order":7}""");
        var sentHeaders = (JsonObject)JsonValue.Parse(request.Headers);
        sentHeaders.Keys.Should().Contain("Content-Type").And.NotContain("x-api-key");
        var received = response.InspectionData.Response!;
        received.StatusCode.Should().Be("200");
        received.StatusMessage.Should().Be("OK");
        received.Body.Should().Be("""{"ok":true}""");
        ((JsonObject)JsonValue.Parse(received.Headers)).Keys.Should().Contain("Content-Type");
        var json = TestStateJson.FormatResponse(response);
        json.Should().Contain("\"request\":{\"protocol\":\"http\",\"method\":\"POST\"").And.Contain("\"statusMessage\":\"OK\"");
    }

    [Fact]
    public async Task Trace_WithRevealSecrets_ShowsWhatTheConnectionAdded()
    {
        await using var server = new LoopbackHttpServer(_ => CannedResponse.Json("{}"));

        var response = await TestAsync(server, TestStateInspectionLevel.Trace, revealSecrets: true);

        var request = response.InspectionData!.Request!;
        request.Url.Should().Contain($"api_key={Secret}");
        ((JsonObject)JsonValue.Parse(request.Headers))["x-api-key"].Should().Be(JsonArray.Create([JsonValue.From(Secret)]));
    }

    [Fact]
    public async Task Debug_ShowsNoHttpExchange()
    {
        await using var server = new LoopbackHttpServer(_ => CannedResponse.Json("{}"));

        var response = await TestAsync(server, TestStateInspectionLevel.Debug, revealSecrets: false);

        response.InspectionData!.Request.Should().BeNull();
        response.InspectionData.Response.Should().BeNull();
    }

    private static async Task<TestStateResponse> TestAsync(LoopbackHttpServer server, TestStateInspectionLevel level, bool revealSecrets)
    {
        var authorization = HttpConnectionAuthorization.ApiKey("x-api-key", Secret).WithQueryParameter("api_key", Secret);
        var connections = new StaticHttpConnectionProvider([new KeyValuePair<string, HttpConnectionAuthorization>(HttpTaskTestHost.ConnectionArn, authorization)]);
        using var client = new HttpClient();
        await using var engine = StepFlowEngine.CreateBuilder().AddHttpTask(client, connections, HttpTaskTestHost.LoopbackAllowed).Build();
        var definition = $$$"""
            {"Type":"Task","Resource":"arn:aws:states:::http:invoke","Parameters":{
              {{{HttpTaskTestHost.Target(server, "POST")}}},"QueryParameters":{"page":"2"},"RequestBody":{"order":7} },"End":true}
            """;
        return await engine.TestStateAsync(new TestStateRequest
        {
            Definition = definition,
            Input = "{}",
            InspectionLevel = level,
            RevealSecrets = revealSecrets,
        });
    }
}
