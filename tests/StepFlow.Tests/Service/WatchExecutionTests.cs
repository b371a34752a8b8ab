using System.Collections.Concurrent;
using StepFlow.History;
using StepFlow.Json;
using StepFlow.Parsing;
using StepFlow.Persistence;
using StepFlow.Service;

namespace StepFlow.Tests.Service;

/// <summary>
/// <see cref="StepFlowEngine.WatchExecutionAsync"/>: every event in order while the execution runs, ending when it
/// closes; a slow consumer loses nothing and holds the run up in nothing; cancelling ends the stream, not the run.
/// </summary>
public sealed class WatchExecutionTests
{
    private const string MachineArn = "arn:aws:states:us-east-1:123456789012:stateMachine:Orders";

    /// <summary>A Pass, a Map of 50 items, then a Task that waits for its token (so the test decides when it ends).</summary>
    private const string Definition = """
        {"StartAt":"Prepare","States":{
          "Prepare":{"Type":"Pass","Result":[1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31,32,33,34,35,36,37,38,39,40,41,42,43,44,45,46,47,48,49,50],"Next":"Each"},
          "Each":{"Type":"Map","ItemProcessor":{"StartAt":"Double","States":{
            "Double":{"Type":"Pass","Parameters":{"v.$":"States.MathAdd($, $)"},"End":true}}},"Next":"Ask"},
          "Ask":{"Type":"Task","Resource":"arn:aws:states:::sqs:sendMessage.waitForTaskToken",
                 "Parameters":{"token.$":"$$.Task.Token"},"End":true}}}
        """;

    private static (StepFlowEngine Engine, ConcurrentQueue<string> Tokens) Build()
    {
        var tokens = new ConcurrentQueue<string>();
        var engine = StepFlowEngine.CreateBuilder()
            .AddTaskHandler("arn:aws:states:::sqs:sendMessage", i =>
            {
                tokens.Enqueue(i.TaskToken!);
                return JsonObject.Empty;
            })
            .AddStateMachine("Orders", StateMachine.Parse(Definition))
            .Build();
        return (engine, tokens);
    }

    private static async Task<string> TokenAsync(ConcurrentQueue<string> tokens, CancellationToken cancellationToken)
    {
        string? token;
        while (!tokens.TryPeek(out token))
        {
            await Task.Delay(2, cancellationToken);
        }

        return token;
    }

    private static async Task<List<HistoryEvent>> HistoryAsync(StepFlowEngine engine, string arn)
    {
        var all = new List<HistoryEvent>();
        string? next = null;
        do
        {
            var page = await engine.GetExecutionHistoryAsync(new GetExecutionHistoryRequest { ExecutionArn = arn, NextToken = next, MaxResults = 1000 });
            all.AddRange(page.Events);
            next = page.NextToken;
        }
        while (next is not null);
        return all;
    }

    [Fact]
    public async Task Watch_GivesEveryEventInOrderWhileTheExecutionRuns_AndEndsWhenItCloses()
    {
        using var guard = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var (engine, tokens) = Build();
        await using var owned = engine;
        var started = await engine.StartExecutionAsync(MachineArn, JsonObject.Empty, "watched");

        var seen = new List<HistoryEvent>();
        var answered = false;
        await foreach (var e in engine.WatchExecutionAsync(started.ExecutionArn, guard.Token))
        {
            seen.Add(e);
            if (e.Type == HistoryEventTypes.TaskSubmitted)
            {
                // Live: the execution is still waiting for its token when its events so far have come out.
                (await engine.DescribeExecutionAsync(started.ExecutionArn)).Status.Should().Be(ExecutionStatus.Running);
                answered = true;
                await engine.SendTaskSuccessAsync(await TokenAsync(tokens, guard.Token), """{"ok":true}""", guard.Token);
            }
        }

        answered.Should().BeTrue();
        seen.Select(e => e.Id).Should().Equal(Enumerable.Range(1, seen.Count).Select(i => (long)i));
        seen[^1].Type.Should().Be(HistoryEventTypes.ExecutionSucceeded);
        var history = await HistoryAsync(engine, started.ExecutionArn);
        seen.Select(e => (e.Id, e.Type, e.StateName)).Should().Equal(history.Select(e => (e.Id, e.Type, e.StateName)));
        seen.Should().HaveCountGreaterThan(100, "the Map's 50 iterations are in it");
    }

    [Fact]
    public async Task Watch_ASlowConsumer_LosesNothing_AndDoesNotHoldTheRunUp()
    {
        using var guard = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var (engine, tokens) = Build();
        await using var owned = engine;
        var started = await engine.StartExecutionAsync(MachineArn, JsonObject.Empty, "slow");

        await using var stream = engine.WatchExecutionAsync(started.ExecutionArn, guard.Token).GetAsyncEnumerator(guard.Token);
        (await stream.MoveNextAsync()).Should().BeTrue();
        var seen = new List<HistoryEvent> { stream.Current };

        // The consumer stops reading after one event; the execution runs on to its end meanwhile.
        await engine.SendTaskSuccessAsync(await TokenAsync(tokens, guard.Token), JsonObject.Empty, guard.Token);
        (await engine.WaitForExecutionAsync(started.ExecutionArn, guard.Token)).Status.Should().Be(ExecutionStatus.Succeeded);

        while (await stream.MoveNextAsync())
        {
            seen.Add(stream.Current);
        }

        var history = await HistoryAsync(engine, started.ExecutionArn);
        seen.Select(e => (e.Id, e.Type)).Should().Equal(history.Select(e => (e.Id, e.Type)));
        seen[^1].Type.Should().Be(HistoryEventTypes.ExecutionSucceeded);
    }

    [Fact]
    public async Task Watch_Cancelled_EndsTheStream_NotTheExecution()
    {
        using var guard = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var (engine, tokens) = Build();
        await using var owned = engine;
        var started = await engine.StartExecutionAsync(MachineArn, JsonObject.Empty, "cancelled");
        using var watching = CancellationTokenSource.CreateLinkedTokenSource(guard.Token);

        var read = 0;
        var watch = async () =>
        {
            await foreach (var e in engine.WatchExecutionAsync(started.ExecutionArn, watching.Token))
            {
                read++;
                if (e.Type == HistoryEventTypes.TaskSubmitted)
                {
                    // Nothing more comes until the token is answered: the stream is waiting when it is cancelled.
                    _ = Task.Delay(50, guard.Token).ContinueWith(_ => watching.Cancel(), TaskScheduler.Default);
                }
            }
        };

        await watch.Should().ThrowAsync<OperationCanceledException>();
        read.Should().BeGreaterThan(0);
        (await engine.DescribeExecutionAsync(started.ExecutionArn)).Status.Should().Be(ExecutionStatus.Running);
        await engine.SendTaskSuccessAsync(await TokenAsync(tokens, guard.Token), JsonObject.Empty, guard.Token);
        (await engine.WaitForExecutionAsync(started.ExecutionArn, guard.Token)).Status.Should().Be(ExecutionStatus.Succeeded);
    }

    [Fact]
    public async Task Watch_AClosedExecution_GivesItsHistoryAndEnds_AnUnknownOneIsAnError()
    {
        using var guard = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var (engine, tokens) = Build();
        await using var owned = engine;
        var started = await engine.StartExecutionAsync(MachineArn, JsonObject.Empty, "closed");
        await engine.SendTaskSuccessAsync(await TokenAsync(tokens, guard.Token), JsonObject.Empty, guard.Token);
        await engine.WaitForExecutionAsync(started.ExecutionArn, guard.Token);

        var seen = new List<HistoryEvent>();
        await foreach (var e in engine.WatchExecutionAsync(started.ExecutionArn, guard.Token))
        {
            seen.Add(e);
        }

        seen.Select(e => e.Type).Should().Equal((await HistoryAsync(engine, started.ExecutionArn)).Select(e => e.Type));
        var unknown = async () =>
        {
            await foreach (var e in engine.WatchExecutionAsync(started.ExecutionArn + "-missing", guard.Token))
            {
            }
        };
        (await unknown.Should().ThrowAsync<ExecutionApiException>()).Which.ErrorCode.Should().Be(ExecutionApiErrorCodes.ExecutionDoesNotExist);
    }
}
