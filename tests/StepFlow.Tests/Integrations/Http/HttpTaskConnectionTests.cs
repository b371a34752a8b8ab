using System.Text;
using StepFlow.Errors;
using StepFlow.Execution;
using StepFlow.Integrations.Http;
using StepFlow.Persistence;
using StepFlow.Tests.Support;
using static StepFlow.Tests.Integrations.Http.HttpTaskTestHost;

namespace StepFlow.Tests.Integrations.Http;

/// <summary>The connection: authorization from the host's provider, merged over the task's request as AWS merges it.</summary>
public sealed class HttpTaskConnectionTests
{
    private static StaticHttpConnectionProvider Connection(HttpConnectionAuthorization authorization) =>
        new([new KeyValuePair<string, HttpConnectionAuthorization>(ConnectionArn, authorization)]);

    [Fact]
    public async Task ApiKeyConnection_AddsTheKeyHeader()
    {
        await using var server = new LoopbackHttpServer();

        var result = await RunAsync(Machine(Target(server)), connections: Connection(HttpConnectionAuthorization.ApiKey("x-api-key", "s3cret")));

        result.Status.Should().Be(ExecutionStatus.Succeeded, result.Cause);
        server.Requests.Single().Header("x-api-key").Should().Be("s3cret");
    }

    [Fact]
    public async Task BasicConnection_SendsBase64CredentialsInAuthorization()
    {
        await using var server = new LoopbackHttpServer();

        var result = await RunAsync(Machine(Target(server)), connections: Connection(HttpConnectionAuthorization.Basic("ada", "pässword")));

        result.Status.Should().Be(ExecutionStatus.Succeeded, result.Cause);
        var expected = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("ada:pässword"));
        server.Requests.Single().Header("Authorization").Should().Be(expected);
    }

    [Fact]
    public async Task ProviderObtainingAToken_IsAskedForTheTasksConnectionArnOnEveryCall()
    {
        await using var server = new LoopbackHttpServer();
        var provider = new TokenProvider();
        var parameters = $"\"ApiEndpoint\": \"{server.BaseAddress}a\", \"Method\": \"GET\", \"InvocationConfig\": {{ \"ConnectionArn\": \"{ConnectionArn}\" }}";
        var definition = $$"""
            {
              "StartAt": "First",
              "States": {
                "First": { "Type": "Task", "Resource": "arn:aws:states:::http:invoke", "Parameters": { {{parameters}} }, "Next": "Second" },
                "Second": { "Type": "Task", "Resource": "arn:aws:states:::http:invoke", "Parameters": { {{parameters}} }, "End": true }
              }
            }
            """;

        var result = await RunAsync(definition, connections: provider);

        result.Status.Should().Be(ExecutionStatus.Succeeded, result.Cause);
        provider.Asked.Should().Equal(ConnectionArn, ConnectionArn);
        server.Requests.Select(r => r.Header("Authorization")).Should().Equal("Bearer token-1", "Bearer token-2");
    }

    [Fact]
    public async Task ConnectionParameters_ReplaceTheTasksOnAClashAndAddTheRest()
    {
        await using var server = new LoopbackHttpServer();
        var authorization = HttpConnectionAuthorization.ApiKey("ApiKey", "key_value")
            .WithHeader("Header-Param", "connection_header_param")
            .WithQueryParameter("QueryParam", "connection_query_param")
            .WithBodyParameter("BodyParam", "connection_body_param");
        var parameters = Target(server, "POST", "path") + """
            , "Headers": { "Request-Id": "my_request_id", "header-param": "state_machine_header_param" },
              "RequestBody": { "Job": "Software Engineer", "Company": "AnyCompany", "BodyParam": "state_machine_body_param" },
              "QueryParameters": { "QueryParam": "state_machine_query_param", "Other": "kept" }
            """;

        var result = await RunAsync(Machine(parameters), connections: Connection(authorization));

        result.Status.Should().Be(ExecutionStatus.Succeeded, result.Cause);
        var request = server.Requests.Single();
        request.Target.Should().Be("/path?Other=kept&QueryParam=connection_query_param");
        request.HeaderValues("Header-Param").Should().Equal("connection_header_param");
        request.Header("Request-Id").Should().Be("my_request_id");
        request.Header("ApiKey").Should().Be("key_value");
        request.Body.Should().Be("""{"Job":"Software Engineer","Company":"AnyCompany","BodyParam":"connection_body_param"}""");
    }

    [Fact]
    public async Task ConnectionBodyParameters_WithAStringBody_FailWithStatesRuntime()
    {
        await using var server = new LoopbackHttpServer();
        var parameters = Target(server, "POST") + """, "RequestBody": "raw text" """;

        var result = await RunAsync(Machine(parameters), connections: Connection(HttpConnectionAuthorization.None.WithBodyParameter("k", "v")));

        result.Error.Should().Be(StatesErrorNames.Runtime);
        result.Cause.Should().Contain("'Call'").And.Contain("string 'RequestBody'");
        server.Requests.Should().BeEmpty();
    }

    [Fact]
    public async Task UnknownConnection_FailsWithResourceNotFound_WhichCatchCanRoute()
    {
        await using var server = new LoopbackHttpServer();
        var parameters = $"\"ApiEndpoint\": \"{server.BaseAddress}x\", \"Method\": \"GET\", \"Authentication\": {{ \"ConnectionArn\": \"arn:aws:events:us-east-1:123456789012:connection/nope/1\" }}";
        var definition = $$"""
            {
              "StartAt": "Call",
              "States": {
                "Call": {
                  "Type": "Task", "Resource": "arn:aws:states:::http:invoke", "Parameters": { {{parameters}} },
                  "Catch": [ { "ErrorEquals": ["Events.ConnectionResource.ResourceNotFound"], "Next": "NoConnection" } ],
                  "End": true
                },
                "NoConnection": { "Type": "Pass", "End": true }
              }
            }
            """;

        var result = await RunAsync(definition);

        result.Status.Should().Be(ExecutionStatus.Succeeded, result.Cause);
        result.Output!.ToJsonString().Should().Contain(HttpConnectionErrorNames.ResourceNotFound).And.Contain("connection/nope/1");
        server.Requests.Should().BeEmpty();
    }

    [Fact]
    public async Task ProviderThatThrows_FailsWithConnectionInternalError()
    {
        await using var server = new LoopbackHttpServer();

        var result = await RunAsync(Machine(Target(server)), connections: new ThrowingProvider(new InvalidOperationException("vault is sealed")));

        result.Error.Should().Be(HttpConnectionErrorNames.InternalError);
        result.Cause.Should().Contain("vault is sealed");
        server.Requests.Should().BeEmpty();
    }

    [Fact]
    public async Task ProviderThatThrowsAConnectionError_KeepsItsName()
    {
        await using var server = new LoopbackHttpServer();
        var error = new StatesErrorException(HttpConnectionErrorNames.InvalidConnectionState, "the OAuth token endpoint refused the client");

        var result = await RunAsync(Machine(Target(server)), connections: new ThrowingProvider(error));

        result.Error.Should().Be(HttpConnectionErrorNames.InvalidConnectionState);
        result.Cause.Should().Be("the OAuth token endpoint refused the client");
    }

    private sealed class TokenProvider : IHttpConnectionProvider
    {
        private int _issued;

        public List<string> Asked { get; } = [];

        public ValueTask<HttpConnectionAuthorization?> GetAuthorizationAsync(string connectionArn, CancellationToken cancellationToken)
        {
            Asked.Add(connectionArn);
            return new(HttpConnectionAuthorization.Bearer($"token-{Interlocked.Increment(ref _issued)}"));
        }
    }

    private sealed class ThrowingProvider(Exception error) : IHttpConnectionProvider
    {
        public ValueTask<HttpConnectionAuthorization?> GetAuthorizationAsync(string connectionArn, CancellationToken cancellationToken) =>
            ValueTask.FromException<HttpConnectionAuthorization?>(error);
    }
}
