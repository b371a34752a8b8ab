using Microsoft.Extensions.Time.Testing;
using StepFlow.Errors;
using StepFlow.Execution;
using StepFlow.Integrations.Http;
using StepFlow.Json;
using StepFlow.Parsing;
using StepFlow.Persistence;
using StepFlow.Testing.Time;
using StepFlow.Tests.Support;
using static StepFlow.Tests.Integrations.Http.HttpTaskTestHost;

namespace StepFlow.Tests.Integrations.Http;

/// <summary>How the HTTP Task fails: status codes, sockets, timeouts, cancellation, bad parameters.</summary>
public sealed class HttpTaskErrorTests
{
    [Fact]
    public async Task NotFound_FailsWithStatusCodeErrorAndStatusTextCause()
    {
        await using var server = new LoopbackHttpServer(_ => new CannedResponse(404, "Not Found", "application/json", """{"message":"no such customer"}"""));

        var result = await RunAsync(Machine(Target(server)));

        result.Status.Should().Be(ExecutionStatus.Failed);
        result.Error.Should().Be("States.Http.StatusCode.404");
        result.Cause.Should().Be("Not Found");
    }

    [Fact]
    public async Task StatusCodeError_IsCaughtByCatch()
    {
        await using var server = new LoopbackHttpServer(_ => new CannedResponse(404, "Not Found"));
        var definition = $$"""
            {
              "StartAt": "Call",
              "States": {
                "Call": {
                  "Type": "Task",
                  "Resource": "arn:aws:states:::http:invoke",
                  "Parameters": { {{Target(server)}} },
                  "Catch": [
                    { "ErrorEquals": ["States.Http.StatusCode.500"], "Next": "ServerBroke" },
                    { "ErrorEquals": ["States.Http.StatusCode.404"], "ResultPath": "$.failure", "Next": "Missing" }
                  ],
                  "End": true
                },
                "Missing": { "Type": "Pass", "End": true },
                "ServerBroke": { "Type": "Fail" }
              }
            }
            """;

        var result = await RunAsync(definition, """{ "order": 7 }""");

        result.Status.Should().Be(ExecutionStatus.Succeeded, result.Cause);
        result.Output.Should().Be(JsonValue.Parse("""{ "order": 7, "failure": { "Error": "States.Http.StatusCode.404", "Cause": "Not Found" } }"""));
    }

    [Fact]
    public async Task ServiceUnavailable_IsRetriedUntilItSucceeds()
    {
        var calls = 0;
        await using var server = new LoopbackHttpServer(_ => Interlocked.Increment(ref calls) < 3
            ? new CannedResponse(503, "Service Unavailable")
            : CannedResponse.Json("""{"ok":true}"""));
        var retry = """
            "Retry": [ { "ErrorEquals": ["States.Http.StatusCode.503"], "IntervalSeconds": 5, "MaxAttempts": 3, "BackoffRate": 2 } ],
            "ResultSelector": { "ok.$": "$.ResponseBody.ok" },
            """;

        var result = await RunAsync(Machine(Target(server), retry), engineClock: new AutoAdvancingTimeProvider());

        result.Status.Should().Be(ExecutionStatus.Succeeded, result.Cause);
        result.Output.Should().Be(JsonValue.Parse("""{"ok":true}"""));
        server.Requests.Should().HaveCount(3);
    }

    [Fact]
    public async Task ConnectionRefused_FailsWithHttpSocket()
    {
        var port = LoopbackHttpServer.FreePort();
        var parameters = $"\"ApiEndpoint\": \"http://127.0.0.1:{port}/x\", \"Method\": \"GET\", \"Authentication\": {{ \"ConnectionArn\": \"{ConnectionArn}\" }}";

        var result = await RunAsync(Machine(parameters));

        result.Error.Should().Be(StatesErrorNames.HttpSocket);
        result.Cause.Should().Contain("'Call'").And.Contain($"http://127.0.0.1:{port}/x");
    }

    [Fact]
    public async Task ServerThatNeverAnswers_FailsWithHttpSocketAfterTheRequestTimeout()
    {
        await using var server = new LoopbackHttpServer(_ => new CannedResponse(200, "OK") { Hang = true });
        var networkClock = new FakeTimeProvider();
        var options = new HttpTaskOptions { TimeProvider = networkClock, RequestTimeout = TimeSpan.FromSeconds(60), AllowPrivateNetworks = true };
        using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(20));

        var run = RunAsync(Machine(Target(server)), options: options);
        await server.WaitForRequestAsync(bound.Token);
        while (!run.IsCompleted && !bound.IsCancellationRequested)
        {
            networkClock.Advance(TimeSpan.FromSeconds(61));
            await Task.Delay(5, CancellationToken.None);
        }

        var result = await run;
        result.Error.Should().Be(StatesErrorNames.HttpSocket);
        result.Cause.Should().Contain("timed out after 60 seconds");
    }

    [Fact]
    public async Task CancellingTheExecution_AbortsTheRequestInFlight()
    {
        await using var server = new LoopbackHttpServer(_ => new CannedResponse(200, "OK") { Hang = true });
        using var cancel = new CancellationTokenSource();
        using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var options = new HttpTaskOptions { RequestTimeout = Timeout.InfiniteTimeSpan, AllowPrivateNetworks = true };

        var run = RunAsync(Machine(Target(server)), options: options, cancellationToken: cancel.Token);
        await server.WaitForRequestAsync(bound.Token);
        await cancel.CancelAsync();

        var result = await run.WaitAsync(bound.Token);
        result.Status.Should().Be(ExecutionStatus.Aborted);
    }

    [Theory]
    [InlineData("\"ApiEndpoint.$\": \"$.n\", \"Method\": \"GET\"", "'ApiEndpoint' must be an absolute")]
    [InlineData("\"ApiEndpoint\": \"https://example.com/x\", \"Method.$\": \"$.verb\"", "'Method' must be one of GET")]
    [InlineData("\"ApiEndpoint\": \"https://example.com/x\", \"Method\": \"GET\", \"Headers\": { \"Authorization\": \"Bearer x\" }", "'Authorization' cannot be set")]
    [InlineData("\"ApiEndpoint\": \"https://example.com/x\", \"Method\": \"GET\", \"Headers\": { \"X-Amz-Date\": \"now\" }", "'X-Amz-Date' cannot be set")]
    [InlineData("\"ApiEndpoint\": \"https://example.com/x\", \"Method\": \"GET\", \"Header\": { }", "'Header' is not supported")]
    [InlineData("\"ApiEndpoint\": \"https://example.com/x\", \"Method\": \"POST\", \"RequestBody.$\": \"$.n\", \"Transform\": { \"RequestBodyEncoding\": \"URL_ENCODED\" }", "URL_ENCODED 'RequestBody' must be an object")]
    public async Task BadParametersAtRunTime_FailWithStatesRuntimeNamingTheField(string fields, string expectedCause)
    {
        var definition = Machine(fields + $", \"Authentication\": {{ \"ConnectionArn\": \"{ConnectionArn}\" }}");

        var result = await RunAsync(definition, """{ "n": 5, "verb": "get" }""");

        result.Error.Should().Be(StatesErrorNames.Runtime);
        result.Cause.Should().Contain("The HTTP Task 'Call' failed").And.Contain(expectedCause);
    }

    [Fact]
    public async Task CallbackPattern_IsRejectedWhenTheDefinitionIsParsed()
    {
        // AWS offers the HTTP Task as Request Response only: '.waitForTaskToken' is not an integration it recognizes.
        await using var server = new LoopbackHttpServer();
        var definition = Machine(Target(server)).Replace("http:invoke", "http:invoke.waitForTaskToken", StringComparison.Ordinal);

        StateMachine.TryParse(definition, out _, out var diagnostics).Should().BeFalse();

        var error = diagnostics.Single();
        error.Code.Should().Be(StepFlow.Parsing.DiagnosticCodes.SchemaValidationFailed);
        error.Location.Should().Be("/States/Call/Resource");
        error.Message.Should().Contain("'http' does not support the '.waitForTaskToken' integration pattern");
        server.Requests.Should().BeEmpty();
    }
}
