using StepFlow.Definition;
using StepFlow.Execution;
using StepFlow.Integrations.Http;
using StepFlow.Json;
using StepFlow.Parsing;
using StepFlow.Tests.Support;

namespace StepFlow.Tests.Integrations.Http;

/// <summary>Runs state machines with the HTTP Task against a <see cref="LoopbackHttpServer"/>.</summary>
internal static class HttpTaskTestHost
{
    public const string ConnectionArn = "arn:aws:events:us-east-1:123456789012:connection/test-api/0d5b6e2a-0000-4000-8000-000000000001";

    /// <summary>A connection that adds nothing.</summary>
    public static IHttpConnectionProvider OpenConnection { get; } =
        new StaticHttpConnectionProvider([new KeyValuePair<string, HttpConnectionAuthorization>(ConnectionArn, HttpConnectionAuthorization.None)]);

    /// <summary>A one-state machine whose HTTP Task has <paramref name="parameters"/> (a JSON object's members, without braces).</summary>
    public static string Machine(string parameters, string extraFields = "") => $$"""
        {
          "StartAt": "Call",
          "States": {
            "Call": {
              "Type": "Task",
              "Resource": "arn:aws:states:::http:invoke",
              "Parameters": { {{parameters}} },
              {{extraFields}}
              "End": true
            }
          }
        }
        """;

    /// <summary>ApiEndpoint, Method and Authentication for <paramref name="server"/>'s <paramref name="path"/>.</summary>
    public static string Target(LoopbackHttpServer server, string method = "GET", string path = "items") =>
        $"\"ApiEndpoint\": \"{server.BaseAddress}{path}\", \"Method\": \"{method}\", \"Authentication\": {{ \"ConnectionArn\": \"{ConnectionArn}\" }}";

    /// <summary>The default options, with loopback (the test server) allowed.</summary>
    public static HttpTaskOptions LoopbackAllowed { get; } = new() { AllowPrivateNetworks = true };

    public static async Task<ExecutionResult> RunAsync(
        string definition,
        string input = "{}",
        IHttpConnectionProvider? connections = null,
        HttpTaskOptions? options = null,
        TimeProvider? engineClock = null,
        CancellationToken cancellationToken = default)
    {
        using var client = new HttpClient();
        // The test server listens on loopback, which the HTTP Task refuses by default: every test allows it explicitly.
        var builder = StepFlowEngine.CreateBuilder().AddHttpTask(client, connections ?? OpenConnection, options ?? LoopbackAllowed);
        if (engineClock is not null)
        {
            builder.UseTimeProvider(engineClock);
        }

        var engine = builder.Build();
        return await engine.ExecuteAsync(
            StateMachine.Parse(definition),
            JsonValue.Parse(input),
            new ExecutionOptions { ExecutionName = "http-test" },
            cancellationToken);
    }
}
