using StepFlow.Definition;
using StepFlow.Errors;
using StepFlow.Execution;
using StepFlow.History;
using StepFlow.Json;
using StepFlow.Parsing;
using StepFlow.Persistence;
using StepFlow.Service;
using StepFlow.Sqlite.Tests.Support;

namespace StepFlow.Sqlite.Tests;

/// <summary>
/// A task result or error the SQLite store cannot keep (an unpaired surrogate, JSON nested deeper than 512 levels) fails
/// the state with an ASL error before it reaches the history: the execution goes on (Retry and Catch apply) and is
/// stored as it ends — never RUNNING forever with its handler called again at every recovery.
/// </summary>
public sealed class UnstorableResultTests : IDisposable
{
    private const string MachineArn = "arn:aws:states:us-east-1:123456789012:stateMachine:Flow";
    private const string Work = "arn:aws:lambda:us-east-1:123456789012:function:work";
    private readonly TempDatabase _file = new();
    private int _calls;

    [Fact]
    public async Task TaskResult_WithALoneSurrogate_FailsTheStateWithStatesRuntimeAndIsStoredAsFailed()
    {
        const string definition = """
            {"StartAt":"T","States":{"T":{"Type":"Task","Resource":"arn:aws:lambda:us-east-1:123456789012:function:work","End":true}}}
            """;
        var result = JsonObject.Create(("text", JsonValue.From("broken \ud800 text")));

        var described = await RunAsync(definition, _ => result);

        described.Status.Should().Be(ExecutionStatus.Failed);
        described.Error.Should().Be(StatesErrorNames.Runtime);
        described.Cause.Should().Contain("'/text'").And.Contain("unpaired UTF-16 surrogate");
        await AssertStoredAndNotResumedAsync(described, ExecutionStatus.Failed, HistoryEventTypes.LambdaFunctionFailed);
    }

    [Fact]
    public async Task TaskResult_NestedDeeperThan512_IsDataLimitExceededThatCatchHandles()
    {
        const string definition = """
            {"StartAt":"T","States":{
              "T":{"Type":"Task","Resource":"arn:aws:lambda:us-east-1:123456789012:function:work","End":true,
                "Catch":[{"ErrorEquals":["States.DataLimitExceeded"],"Next":"Handled"}]},
              "Handled":{"Type":"Pass","End":true}}}
            """;
        JsonValue deep = JsonValue.From(1);
        for (var i = 0; i < 600; i++)
        {
            deep = JsonArray.Create([deep]);
        }

        var described = await RunAsync(definition, _ => deep);

        described.Status.Should().Be(ExecutionStatus.Succeeded);
        ((JsonObject)described.Output!)["Error"].Should().Be(JsonValue.From(StatesErrorNames.DataLimitExceeded));
        await AssertStoredAndNotResumedAsync(described, ExecutionStatus.Succeeded, HistoryEventTypes.LambdaFunctionFailed);
    }

    [Fact]
    public async Task TaskError_CauseWithALoneSurrogate_IsStoredWithTheSurrogateEscapedAndCaught()
    {
        const string definition = """
            {"StartAt":"T","States":{
              "T":{"Type":"Task","Resource":"arn:aws:lambda:us-east-1:123456789012:function:work","End":true,
                "Catch":[{"ErrorEquals":["Oops"],"Next":"Handled"}]},
              "Handled":{"Type":"Pass","End":true}}}
            """;

        var described = await RunAsync(definition, _ => throw new StatesErrorException("Oops", "half a pair: \udc00!"));

        described.Status.Should().Be(ExecutionStatus.Succeeded);
        ((JsonObject)described.Output!)["Cause"].Should().Be(JsonValue.From("half a pair: \\uDC00!"));
        await AssertStoredAndNotResumedAsync(described, ExecutionStatus.Succeeded, HistoryEventTypes.LambdaFunctionFailed);
    }

    public void Dispose() => _file.Dispose();

    private async Task<ExecutionDescription> RunAsync(string definition, Func<Tasks.TaskInvocation, JsonValue> handler)
    {
        await using var store = new SqliteExecutionStore(_file.Path);
        await using var engine = StepFlowEngine.CreateBuilder()
            .AddTaskHandler(Work, invocation =>
            {
                Interlocked.Increment(ref _calls);
                return handler(invocation);
            })
            .AddStateMachine("Flow", StateMachine.Parse(definition))
            .UseExecutionStore(store)
            .Build();
        var started = await engine.StartExecutionAsync(MachineArn, JsonObject.Empty, "unstorable");
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        return await engine.WaitForExecutionAsync(started.ExecutionArn, timeout.Token);
    }

    /// <summary>The store holds the execution as it ended, with the task's failure in its history; a restart resumes nothing and calls nothing.</summary>
    private async Task AssertStoredAndNotResumedAsync(ExecutionDescription described, ExecutionStatus status, string failureEvent)
    {
        await using var store = new SqliteExecutionStore(_file.Path);
        await using var engine = StepFlowEngine.CreateBuilder()
            .AddTaskHandler(Work, _ =>
            {
                Interlocked.Increment(ref _calls);
                return JsonObject.Empty;
            })
            .UseExecutionStore(store)
            .Build();
        var report = await engine.RecoverAsync();
        var stored = await store.GetAsync(described.ExecutionArn, CancellationToken.None);
        var events = await store.ReadEventsAsync(described.ExecutionArn, CancellationToken.None);

        report.Resumed.Should().BeEmpty();
        stored!.Status.Should().Be(status);
        events.Select(e => e.Type).Should().Contain(failureEvent).And.NotContain(HistoryEventTypes.LambdaFunctionSucceeded);
        _calls.Should().Be(1, "the handler is called once, not again at each start");
    }
}
