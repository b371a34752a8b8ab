using Microsoft.Extensions.Time.Testing;
using StepFlow.Json;
using StepFlow.Parsing;

namespace StepFlow.Tests.Integrations.Lambda;

/// <summary>
/// <c>lambda:invoke</c> answers with the response AWS records (../shared/conformance-teststate, the
/// test_base_lambda_service_task_state cases): the Invoke response's eight headers in <c>SdkHttpMetadata</c>, as
/// lists and as single values, sized and dated by the call.
/// </summary>
public sealed class LambdaInvokeResponseShapeTests
{
    private const string Definition = """
        {"StartAt":"Call","States":{"Call":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke",
          "Parameters":{"FunctionName":"echo","Payload.$":"$"},"End":true}}}
        """;

    [Fact]
    public async Task Invoke_ReturnsTheHeadersOfLambdasInvokeResponse()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 7, 1, 2, 3, TimeSpan.Zero));
        await using var engine = StepFlowEngine.CreateBuilder()
            .UseTimeProvider(clock)
            .AddTaskHandler("arn:aws:lambda:us-east-1:123456789012:function:echo", invocation => invocation.Input)
            .Build();

        var result = await engine.ExecuteAsync(StateMachine.Parse(Definition), JsonValue.Parse("""{"word":"héllo"}"""));

        var output = (JsonObject)result.Output!;
        output.Keys.Should().Equal("ExecutedVersion", "Payload", "SdkHttpMetadata", "SdkResponseMetadata", "StatusCode");
        var metadata = (JsonObject)output["SdkHttpMetadata"];
        var single = (JsonObject)metadata["HttpHeaders"];
        single.Keys.Should().BeEquivalentTo(
            "Connection", "Content-Length", "Content-Type", "Date", "X-Amz-Executed-Version", "x-amzn-Remapped-Content-Length",
            "x-amzn-RequestId", "X-Amzn-Trace-Id");
        single["Content-Length"].Should().Be(JsonValue.From("17"), "the payload {\"word\":\"héllo\"} is 17 bytes of UTF-8");
        single["Date"].Should().Be(JsonValue.From("Mon, 07 Dec 2026 01:02:03 GMT"));
        single["x-amzn-RequestId"].Should().Be(((JsonObject)output["SdkResponseMetadata"])["RequestId"]);
        ((JsonString)single["X-Amzn-Trace-Id"]).Value.Should().MatchRegex("^Root=1-[0-9a-f]{8}-[0-9a-f]{24};Sampled=0$");
        var all = (JsonObject)metadata["AllHttpHeaders"];
        all.Keys.Should().BeEquivalentTo(single.Keys);
        foreach (var header in single.Keys)
        {
            all[header].Should().Be(JsonArray.Create([single[header]]), header);
        }

        metadata["HttpStatusCode"].Should().Be(JsonValue.From(200));
    }
}
