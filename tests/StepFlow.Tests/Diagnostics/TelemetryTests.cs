using System.Diagnostics;
using FluentAssertions;
using Microsoft.Extensions.Time.Testing;
using Microsoft.Extensions.Logging;
using StepFlow.Parsing;
using StepFlow.Diagnostics;
using StepFlow.Errors;
using StepFlow.Execution;
using StepFlow.Integrations.Http;
using StepFlow.Json;
using StepFlow.Persistence;
using StepFlow.Tests.Execution;
using StepFlow.Tests.Support;
using Xunit;

namespace StepFlow.Tests.Diagnostics;

/// <summary>Spans, metrics and log records of a Parallel + Map + Retry workflow, trace context into handlers and HTTP, payload privacy.</summary>
public sealed class TelemetryTests
{
    private const string Work = "arn:aws:states:::lambda:invoke";

    private const string Workflow = """
        {
          "StartAt": "Fan",
          "States": {
            "Fan": {
              "Type": "Parallel",
              "Branches": [
                { "StartAt": "Note", "States": { "Note": { "Type": "Pass", "End": true } } },
                { "StartAt": "Flaky", "States": { "Flaky": {
                    "Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "Parameters": { "step": "flaky" },
                    "Retry": [ { "ErrorEquals": ["Custom.Flaky"], "IntervalSeconds": 1, "MaxAttempts": 2 } ],
                    "End": true } } }
              ],
              "ResultPath": "$.fan",
              "Next": "Items"
            },
            "Items": {
              "Type": "Map",
              "ItemsPath": "$.items",
              "ItemProcessor": { "StartAt": "Item", "States": { "Item": {
                "Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "Parameters": { "step": "item" }, "End": true } } },
              "End": true
            }
          }
        }
        """;

    [Fact]
    public async Task ParallelMapRetry_RecordsSpanTreeMetricsAndLogs()
    {
        using var capture = new TelemetryCapture();
        var machineName = "telemetry-" + Guid.NewGuid().ToString("N");
        var flakyCalls = 0;
        var clock = new FakeTimeProvider();
        var engine = StepFlowEngine.CreateBuilder()
            .UseTimeProvider(clock)
            .UseLoggerFactory(capture.LoggerFactory)
            .AddTaskHandler(Work, invocation =>
            {
                if (invocation.StateName == "Flaky" && Interlocked.Increment(ref flakyCalls) == 1)
                {
                    throw new StatesErrorException("Custom.Flaky", "first attempt fails");
                }

                return JsonValue.From(invocation.StateName);
            })
            .Build();

        var result = await EngineTestHost.AdvanceUntilDoneAsync(
            engine.ExecuteAsync(
                StateMachine.Parse(Workflow), JsonValue.Parse("""{ "items": [1, 2] }"""),
                new ExecutionOptions { StateMachineName = machineName, ExecutionName = "run-1" }),
            clock,
            TimeSpan.FromSeconds(1));

        result.Status.Should().Be(ExecutionStatus.Succeeded, result.Cause);
        var spans = capture.Spans;
        var execution = spans.Should().ContainSingle(s => s.DisplayName == "Execution " + machineName).Subject;
        execution.ParentSpanId.Should().Be(capture.Root.SpanId, "the caller's span is the execution's parent");
        execution.GetTagItem(StepFlowTags.StateMachineName).Should().Be(machineName);
        execution.GetTagItem(StepFlowTags.StateMachineArn).Should().Be($"arn:aws:states:us-east-1:123456789012:stateMachine:{machineName}");
        execution.GetTagItem(StepFlowTags.ExecutionArn).Should().Be($"arn:aws:states:us-east-1:123456789012:execution:{machineName}:run-1");
        execution.GetTagItem(StepFlowTags.ExecutionStatus).Should().Be("SUCCEEDED");

        Activity Single(string name) => spans.Should().ContainSingle(s => s.DisplayName == name).Subject;
        var fan = Single("State Fan");
        fan.ParentSpanId.Should().Be(execution.SpanId);
        fan.GetTagItem(StepFlowTags.StateType).Should().Be("Parallel");
        Single("State Note").ParentSpanId.Should().Be(fan.SpanId);
        var flaky = Single("State Flaky");
        flaky.ParentSpanId.Should().Be(fan.SpanId);
        flaky.GetTagItem(StepFlowTags.StateType).Should().Be("Task");

        var attempts = spans.Where(s => s.DisplayName == "Task Flaky").OrderBy(s => s.StartTimeUtc).ToList();
        attempts.Should().HaveCount(2).And.OnlyContain(a => a.ParentSpanId == flaky.SpanId);
        attempts[0].Status.Should().Be(ActivityStatusCode.Error);
        attempts[0].GetTagItem(StepFlowTags.Error).Should().Be("Custom.Flaky");
        attempts[0].GetTagItem(StepFlowTags.Cause).Should().BeNull("causes are payload and stay out by default");
        attempts[0].GetTagItem(StepFlowTags.TaskRetryCount).Should().Be(0);
        attempts[1].Status.Should().NotBe(ActivityStatusCode.Error);
        attempts[1].GetTagItem(StepFlowTags.TaskRetryCount).Should().Be(1);
        attempts[1].GetTagItem(StepFlowTags.TaskResource).Should().Be(Work);

        var items = Single("State Items");
        items.ParentSpanId.Should().Be(execution.SpanId);
        items.GetTagItem(StepFlowTags.StateType).Should().Be("Map");
        var itemStates = spans.Where(s => s.DisplayName == "State Item").ToList();
        itemStates.Should().HaveCount(2).And.OnlyContain(s => s.ParentSpanId == items.SpanId);
        spans.Where(s => s.DisplayName == "Task Item").Select(s => s.ParentSpanId)
            .Should().BeEquivalentTo(itemStates.Select(s => s.SpanId));

        var arn = (string)execution.GetTagItem(StepFlowTags.StateMachineArn)!;
        capture.Sum("ExecutionsStarted", StepFlowTags.StateMachineArnDimension, arn).Should().Be(1);
        capture.Sum("ExecutionsSucceeded", StepFlowTags.StateMachineArnDimension, arn).Should().Be(1);
        capture.Sum("ExecutionsFailed", StepFlowTags.StateMachineArnDimension, arn).Should().Be(0);
        capture.Count("ExecutionTime", StepFlowTags.StateMachineArnDimension, arn).Should().Be(1);
        capture.Sum("stepflow.state.transitions", StepFlowTags.StateMachineArnDimension, arn).Should().Be(result.StateTransitions);

        var logs = capture.Logs.Collector.GetSnapshot().Where(r => r.Message.Contains(machineName, StringComparison.Ordinal)).ToList();
        logs.Should().Contain(r => r.Id.Id == 1000 && r.Level == LogLevel.Information);
        logs.Should().Contain(r => r.Id.Id == 1001 && r.Level == LogLevel.Information);
        logs.Should().Contain(r => r.Id.Id == 2000 && r.Level == LogLevel.Debug && r.Message.Contains("Flaky", StringComparison.Ordinal));
        logs.Should().Contain(r => r.Id.Id == 2001 && r.Level == LogLevel.Debug && r.Message.Contains("Items", StringComparison.Ordinal));
        logs.Should().ContainSingle(r => r.Id.Id == 3000 && r.Message.Contains("Custom.Flaky", StringComparison.Ordinal));
        logs.Should().ContainSingle(r => r.Id.Id == 3001 && r.Level == LogLevel.Warning && r.Message.Contains("Custom.Flaky", StringComparison.Ordinal));
    }

    [Fact]
    public async Task LambdaFunctionMetrics_CountAttemptsByFunctionArn()
    {
        using var capture = new TelemetryCapture();
        var resource = "arn:aws:lambda:us-east-1:123456789012:function:telemetry-" + Guid.NewGuid().ToString("N");
        var calls = 0;
        var clock = new FakeTimeProvider();
        var engine = StepFlowEngine.CreateBuilder()
            .UseTimeProvider(clock)
            .AddTaskHandler(resource, _ => Interlocked.Increment(ref calls) == 1 ? throw new StatesErrorException("Custom.Once", null) : JsonObject.Empty)
            .Build();
        var definition = $$"""
            { "StartAt": "Call", "States": { "Call": { "Type": "Task", "Resource": "{{resource}}",
              "Retry": [ { "ErrorEquals": ["Custom.Once"], "IntervalSeconds": 1 } ], "End": true } } }
            """;

        var result = await EngineTestHost.AdvanceUntilDoneAsync(engine.ExecuteAsync(StateMachine.Parse(definition), JsonObject.Empty), clock, TimeSpan.FromSeconds(1));
        result.Status.Should().Be(ExecutionStatus.Succeeded);

        var dimension = StepFlowTags.LambdaFunctionArnDimension;
        capture.Sum("LambdaFunctionsScheduled", dimension, resource).Should().Be(2);
        capture.Sum("LambdaFunctionsStarted", dimension, resource).Should().Be(2);
        capture.Sum("LambdaFunctionsFailed", dimension, resource).Should().Be(1);
        capture.Sum("LambdaFunctionsSucceeded", dimension, resource).Should().Be(1);
        capture.Count("LambdaFunctionTime", dimension, resource).Should().Be(2);
        capture.Count("LambdaFunctionRunTime", dimension, resource).Should().Be(2);
    }

    [Fact]
    public async Task TaskHandler_RunsInsideTheTaskAttemptSpan()
    {
        using var capture = new TelemetryCapture();
        Activity? seen = null;
        var engine = StepFlowEngine.CreateBuilder()
            .AddTaskHandler(Work, _ =>
            {
                seen = Activity.Current;
                return JsonObject.Empty;
            })
            .Build();

        await engine.ExecuteAsync(
            StateMachine.Parse("""{ "StartAt": "Call", "States": { "Call": { "Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "End": true } } }"""),
            JsonObject.Empty);

        seen.Should().NotBeNull();
        seen!.DisplayName.Should().Be("Task Call");
        seen.Source.Name.Should().Be(StepFlowTelemetry.ActivitySourceName);
        seen.TraceId.Should().Be(capture.Root.TraceId);
        capture.Spans.Should().ContainSingle(s => s.DisplayName == "State Call").Which.SpanId.Should().Be(seen.ParentSpanId);
    }

    [Fact]
    public async Task NestedExecution_IsAChildOfTheStartingTaskAttempt()
    {
        using var capture = new TelemetryCapture();
        var child = "child-" + Guid.NewGuid().ToString("N");
        await using var engine = StepFlowEngine.CreateBuilder()
            .AddStateMachine(child, StateMachine.Parse("""{ "StartAt": "Done", "States": { "Done": { "Type": "Pass", "End": true } } }"""))
            .Build();
        var parent = $$"""
            { "StartAt": "Start", "States": { "Start": { "Type": "Task", "Resource": "arn:aws:states:::states:startExecution.sync:2",
              "Parameters": { "StateMachineArn": "arn:aws:states:us-east-1:123456789012:stateMachine:{{child}}" }, "End": true } } }
            """;

        var result = await engine.ExecuteAsync(StateMachine.Parse(parent), JsonObject.Empty);

        result.Status.Should().Be(ExecutionStatus.Succeeded, result.Cause);
        var spans = capture.Spans;
        var attempt = spans.Should().ContainSingle(s => s.DisplayName == "Task Start").Subject;
        spans.Should().ContainSingle(s => s.DisplayName == "Execution " + child).Which.ParentSpanId.Should().Be(attempt.SpanId);
    }

    [Fact]
    public async Task HttpTask_SendsTraceparentOfTheTaskAttemptSpan()
    {
        // HttpClient's own span (source System.Net.Http) carries the context out; it must be a child of the attempt span.
        using var capture = new TelemetryCapture("System.Net.Http");
        await using var server = new LoopbackHttpServer();
        using var client = new HttpClient();
        var connections = new StaticHttpConnectionProvider([new KeyValuePair<string, HttpConnectionAuthorization>(Connection, HttpConnectionAuthorization.None)]);
        var engine = StepFlowEngine.CreateBuilder()
            .AddHttpTask(client, connections, new HttpTaskOptions { AllowPrivateNetworks = true })
            .Build();
        var definition = $$"""
            { "StartAt": "Call", "States": { "Call": { "Type": "Task", "Resource": "arn:aws:states:::http:invoke",
              "Parameters": { "ApiEndpoint": "{{server.BaseAddress}}orders", "Method": "GET",
                              "Authentication": { "ConnectionArn": "{{Connection}}" } }, "End": true } } }
            """;

        var result = await engine.ExecuteAsync(StateMachine.Parse(definition), JsonObject.Empty);

        result.Status.Should().Be(ExecutionStatus.Succeeded, result.Cause);
        var attempt = capture.Spans.Should().ContainSingle(s => s.DisplayName == "Task Call").Subject;
        var request = capture.AllSpans.Should().ContainSingle(s => s.Source.Name == "System.Net.Http").Subject;
        request.ParentSpanId.Should().Be(attempt.SpanId, "the handler's request runs inside the task attempt span");
        server.Requests.Should().ContainSingle().Which.Header("traceparent")
            .Should().StartWith($"00-{attempt.TraceId}-{request.SpanId}-", "the request carries the W3C context of the attempt's trace");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task FailedExecution_IsCountedAndItsSpanFailed_CauseOnlyWithThePayloadOption(bool includePayloads)
    {
        using var capture = new TelemetryCapture();
        var machineName = "failing-" + Guid.NewGuid().ToString("N");
        var engine = StepFlowEngine.CreateBuilder()
            .UseOptions(new EngineOptions { TelemetryIncludesPayloads = includePayloads })
            .Build();

        var result = await engine.ExecuteAsync(
            StateMachine.Parse("""{ "StartAt": "Stop", "States": { "Stop": { "Type": "Fail", "Error": "Custom.Stop", "Cause": "secret-cause" } } }"""),
            JsonObject.Empty,
            new ExecutionOptions { StateMachineName = machineName });

        result.Status.Should().Be(ExecutionStatus.Failed);
        var execution = capture.Spans.Should().ContainSingle(s => s.DisplayName == "Execution " + machineName).Subject;
        execution.Status.Should().Be(ActivityStatusCode.Error);
        execution.GetTagItem(StepFlowTags.Error).Should().Be("Custom.Stop");
        execution.GetTagItem(StepFlowTags.ExecutionStatus).Should().Be("FAILED");
        execution.GetTagItem(StepFlowTags.Cause).Should().Be(includePayloads ? "secret-cause" : null);
        capture.Spans.Should().ContainSingle(s => s.DisplayName == "State Stop").Which.Status.Should().Be(ActivityStatusCode.Error);
        var arn = (string)execution.GetTagItem(StepFlowTags.StateMachineArn)!;
        capture.Sum("ExecutionsFailed", StepFlowTags.StateMachineArnDimension, arn).Should().Be(1);
        capture.Sum("ExecutionsSucceeded", StepFlowTags.StateMachineArnDimension, arn).Should().Be(0);
    }

    [Fact]
    public async Task Logs_LeavePayloadsOutByDefault()
    {
        var records = await RunFailingAsync(includePayloads: false);

        records.Should().Contain(r => r.Id.Id == 1002, "the failure is logged");
        records.Should().NotContain(r => r.Message.Contains("secret-input", StringComparison.Ordinal) || r.Message.Contains("secret-cause", StringComparison.Ordinal));
        records.Should().NotContain(r => (r.StructuredState ?? Array.Empty<KeyValuePair<string, string?>>())
            .Any(kv => kv.Value != null && (kv.Value.Contains("secret-input", StringComparison.Ordinal) || kv.Value.Contains("secret-cause", StringComparison.Ordinal))));
    }

    [Fact]
    public async Task Logs_IncludePayloadsWhenTheOptionIsOn()
    {
        var records = await RunFailingAsync(includePayloads: true);

        records.Should().Contain(r => r.Id.Id == 1010 && r.Message.Contains("secret-input", StringComparison.Ordinal));
        records.Should().Contain(r => r.Id.Id == 1012 && r.Message.Contains("secret-cause", StringComparison.Ordinal));
        records.Should().Contain(r => r.Id.Id == 3002 && r.Message.Contains("secret-cause", StringComparison.Ordinal));
    }

    private const string Connection = "arn:aws:events:us-east-1:123456789012:connection/test-api/0d5b6e2a-0000-4000-8000-000000000001";

    private static async Task<IReadOnlyList<Microsoft.Extensions.Logging.Testing.FakeLogRecord>> RunFailingAsync(bool includePayloads)
    {
        var logs = new Microsoft.Extensions.Logging.Testing.FakeLoggerProvider();
        using var factory = new LoggerFactory([logs], new LoggerFilterOptions { MinLevel = LogLevel.Trace });
        var engine = StepFlowEngine.CreateBuilder()
            .UseLoggerFactory(factory)
            .UseOptions(new EngineOptions { TelemetryIncludesPayloads = includePayloads })
            .AddTaskHandler(Work, _ => throw new StatesErrorException("Custom.Failed", "secret-cause"))
            .Build();
        var result = await engine.ExecuteAsync(
            StateMachine.Parse("""{ "StartAt": "Call", "States": { "Call": { "Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "End": true } } }"""),
            JsonValue.Parse("""{ "ssn": "secret-input" }"""));
        result.Status.Should().Be(ExecutionStatus.Failed);
        return logs.Collector.GetSnapshot();
    }
}
