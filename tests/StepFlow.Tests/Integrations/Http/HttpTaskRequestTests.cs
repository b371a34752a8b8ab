using StepFlow.Execution;
using StepFlow.Json;
using StepFlow.Persistence;
using StepFlow.Tests.Support;
using static StepFlow.Tests.Integrations.Http.HttpTaskTestHost;

namespace StepFlow.Tests.Integrations.Http;

/// <summary>What the HTTP Task sends: URL, query encoding, body encoding, headers.</summary>
public sealed class HttpTaskRequestTests
{
    [Fact]
    public async Task Get_SendsMethodPathAndStepFunctionsHeaders()
    {
        await using var server = new LoopbackHttpServer();

        var result = await RunAsync(Machine(Target(server, "GET", "v1/customers")));

        result.Status.Should().Be(ExecutionStatus.Succeeded, result.Cause);
        var request = server.Requests.Should().ContainSingle().Subject;
        request.Method.Should().Be("GET");
        request.Target.Should().Be("/v1/customers");
        request.Header("User-Agent").Should().Be("Amazon|StepFunctions|HttpInvoke|us-east-1");
        request.Header("Range").Should().Be("bytes=0-262144");
        request.Body.Should().BeEmpty();
    }

    [Theory]
    [InlineData("INDICES", "ids%5B0%5D=1&ids%5B1%5D=2&q=a%20b&filter%5Bkind%5D=x")]
    [InlineData("REPEAT", "ids=1&ids=2&q=a%20b&filter%5Bkind%5D=x")]
    [InlineData("COMMAS", "ids=1,2&q=a%20b&filter%5Bkind%5D=x")]
    [InlineData("BRACKETS", "ids%5B%5D=1&ids%5B%5D=2&q=a%20b&filter%5Bkind%5D=x")]
    public async Task QueryParameters_EachArrayFormat_EncodesArraysThatWay(string format, string expectedQuery)
    {
        await using var server = new LoopbackHttpServer();
        var parameters = Target(server) + $$"""
            , "QueryParameters": { "ids.$": "$.ids", "q": "a b", "filter": { "kind": "x" } },
              "Transform": { "RequestEncodingOptions": { "ArrayFormat": "{{format}}" } }
            """;

        var result = await RunAsync(Machine(parameters), """{ "ids": [1, 2] }""");

        result.Status.Should().Be(ExecutionStatus.Succeeded, result.Cause);
        server.Requests.Single().Query.Should().Be(expectedQuery);
    }

    [Fact]
    public async Task QueryParameters_WithoutTransform_UseIndicesAndKeepTheEndpointsOwnQuery()
    {
        await using var server = new LoopbackHttpServer();
        var parameters = Target(server, path: "search?fixed=1") + """, "QueryParameters": { "tag": ["a", "b"], "n": 3, "ok": true }""";

        var result = await RunAsync(Machine(parameters));

        result.Status.Should().Be(ExecutionStatus.Succeeded, result.Cause);
        server.Requests.Single().Target.Should().Be("/search?fixed=1&tag%5B0%5D=a&tag%5B1%5D=b&n=3&ok=true");
    }

    [Fact]
    public async Task QueryParameters_AsString_AreAppendedAsWritten()
    {
        await using var server = new LoopbackHttpServer();
        var parameters = Target(server) + """, "QueryParameters": "currency=usd&limit=10" """;

        var result = await RunAsync(Machine(parameters));

        result.Status.Should().Be(ExecutionStatus.Succeeded, result.Cause);
        server.Requests.Single().Query.Should().Be("currency=usd&limit=10");
    }

    [Fact]
    public async Task Post_JsonBody_IsSerializedCompactlyWithJsonContentType()
    {
        await using var server = new LoopbackHttpServer();
        var parameters = Target(server, "POST", "orders") + """
            , "RequestBody": { "Card": { "Number.$": "$.number", "Name": "John Doe" }, "Items": [1, 2] }
            """;

        var result = await RunAsync(Machine(parameters), """{ "number": "1234" }""");

        result.Status.Should().Be(ExecutionStatus.Succeeded, result.Cause);
        var request = server.Requests.Single();
        request.Method.Should().Be("POST");
        request.Body.Should().Be("""{"Card":{"Number":"1234","Name":"John Doe"},"Items":[1,2]}""");
        request.Header("Content-Type").Should().Be("application/json; charset=UTF-8");
    }

    [Fact]
    public async Task Post_StringBody_IsSentAsTextWithTheGivenContentType()
    {
        await using var server = new LoopbackHttpServer();
        var parameters = Target(server, "PUT") + """, "Headers": { "Content-Type": "text/plain" }, "RequestBody": "hello there" """;

        var result = await RunAsync(Machine(parameters));

        result.Status.Should().Be(ExecutionStatus.Succeeded, result.Cause);
        server.Requests.Single().Body.Should().Be("hello there");
        server.Requests.Single().Header("Content-Type").Should().Be("text/plain");
    }

    [Fact]
    public async Task UrlEncodedBody_EncodesNestedObjectsAndArraysAsAwsDocuments()
    {
        await using var server = new LoopbackHttpServer();
        var parameters = Target(server, "POST", "v1/invoices") + """
            , "Headers": { "Content-Type": "application/x-www-form-urlencoded" },
              "RequestBody": { "customer.$": "$.customer_id", "description": "Monthly subscription",
                               "metadata": { "order_details": "monthly report data" }, "lines": ["a", "b"] },
              "Transform": { "RequestBodyEncoding": "URL_ENCODED" }
            """;

        var result = await RunAsync(Machine(parameters), """{ "customer_id": "1234567890" }""");

        result.Status.Should().Be(ExecutionStatus.Succeeded, result.Cause);
        var request = server.Requests.Single();
        request.Body.Should().Be(
            "customer=1234567890&description=Monthly%20subscription&metadata%5Border_details%5D=monthly%20report%20data&lines%5B0%5D=a&lines%5B1%5D=b");
        request.Header("Content-Type").Should().Be("application/x-www-form-urlencoded");
    }

    [Theory]
    [InlineData("REPEAT", "array=a&array=b&array=c&array=d")]
    [InlineData("COMMAS", "array=a,b,c,d")]
    [InlineData("BRACKETS", "array%5B%5D=a&array%5B%5D=b&array%5B%5D=c&array%5B%5D=d")]
    [InlineData("INDICES", "array%5B0%5D=a&array%5B1%5D=b&array%5B2%5D=c&array%5B3%5D=d")]
    public async Task UrlEncodedBody_EachArrayFormat_MatchesAwsExamples(string format, string expectedBody)
    {
        await using var server = new LoopbackHttpServer();
        var parameters = Target(server, "POST") + $$"""
            , "RequestBody": { "array": ["a", "b", "c", "d"] },
              "Transform": { "RequestBodyEncoding": "URL_ENCODED", "RequestEncodingOptions": { "ArrayFormat": "{{format}}" } }
            """;

        var result = await RunAsync(Machine(parameters));

        result.Status.Should().Be(ExecutionStatus.Succeeded, result.Cause);
        server.Requests.Single().Body.Should().Be(expectedBody);
        server.Requests.Single().Header("Content-Type").Should().Be("application/x-www-form-urlencoded", "a URL-encoded body without a Content-Type gets the form type");
    }

    [Fact]
    public async Task Headers_FromTheDefinition_AreSentWithEveryValue()
    {
        await using var server = new LoopbackHttpServer();
        var parameters = Target(server) + """, "Headers": { "Request-Id.$": "$.id", "X-Count": 3, "Accept": ["application/json", "text/plain"] }""";

        var result = await RunAsync(Machine(parameters), """{ "id": "req-7" }""");

        result.Status.Should().Be(ExecutionStatus.Succeeded, result.Cause);
        var request = server.Requests.Single();
        request.Header("Request-Id").Should().Be("req-7");
        request.Header("X-Count").Should().Be("3");
        string.Join(", ", request.HeaderValues("Accept")).Should().Be("application/json, text/plain");
    }

    [Fact]
    public async Task JsonataArguments_BuildTheRequestFromExpressions()
    {
        await using var server = new LoopbackHttpServer();
        var definition = $$"""
            {
              "QueryLanguage": "JSONata",
              "StartAt": "Call",
              "States": {
                "Call": {
                  "Type": "Task",
                  "Resource": "arn:aws:states:::http:invoke",
                  "Arguments": {
                    "ApiEndpoint": "{% '{{server.BaseAddress}}customers/' & $states.input.id %}",
                    "Method": "DELETE",
                    "InvocationConfig": { "ConnectionArn": "{{ConnectionArn}}" },
                    "QueryParameters": { "reason": "{% $states.input.reason %}" }
                  },
                  "Output": "{% $states.result.StatusCode %}",
                  "End": true
                }
              }
            }
            """;

        var result = await RunAsync(definition, """{ "id": "c-9", "reason": "gone away" }""");

        result.Status.Should().Be(ExecutionStatus.Succeeded, result.Cause);
        result.Output.Should().Be(JsonValue.From(200));
        server.Requests.Single().Method.Should().Be("DELETE");
        server.Requests.Single().Target.Should().Be("/customers/c-9?reason=gone%20away");
    }
}
