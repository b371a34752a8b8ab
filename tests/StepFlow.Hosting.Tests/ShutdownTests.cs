using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using StepFlow.History;
using StepFlow.Json;
using StepFlow.Parsing;
using StepFlow.Persistence;
using StepFlow.Service;
using StepFlow.Tasks;
using Xunit.Abstractions;
using static StepFlow.Hosting.Tests.TestHosts;

namespace StepFlow.Hosting.Tests;

/// <summary>
/// A host stopped while 100 durable executions (SQLite) wait on Wait timers and on callback tokens starts again and
/// finishes every one of them, none twice.
/// </summary>
public sealed class ShutdownTests(ITestOutputHelper output) : IDisposable
{
    private const int Executions = 100;
    private const string Work = "arn:aws:lambda:us-east-1:123456789012:function:work";
    private const string Finish = "arn:aws:lambda:us-east-1:123456789012:function:finish";
    private const string Notify = "arn:aws:states:::sqs:sendMessage";

    // Half the executions wait 8 s on a timer, half on a callback token; both then run Finish once.
    private const string Definition = """
        {"StartAt":"Work","States":{
          "Work":{"Type":"Task","Resource":"arn:aws:lambda:us-east-1:123456789012:function:work","ResultPath":null,"Next":"Route"},
          "Route":{"Type":"Choice","Choices":[{"Variable":"$.timer","BooleanEquals":true,"Next":"Sleep"}],"Default":"Ask"},
          "Sleep":{"Type":"Wait","Seconds":8,"Next":"Finish"},
          "Ask":{"Type":"Task","Resource":"arn:aws:states:::sqs:sendMessage.waitForTaskToken","Parameters":{"token.$":"$$.Task.Token"},"ResultPath":"$.answer","Next":"Finish"},
          "Finish":{"Type":"Task","Resource":"arn:aws:lambda:us-east-1:123456789012:function:finish","End":true}}}
        """;

    private readonly string _dir = Directory.CreateTempSubdirectory("stepflow-shutdown-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task HostStoppedWhile100ExecutionsWaitOnTimersAndTokens_RestartsAndFinishesAll_NoneTwice()
    {
        var ledger = new Ledger();
        var settings = new Dictionary<string, string?>
        {
            ["StepFlow:Store:Kind"] = "Sqlite",
            ["StepFlow:Store:Path"] = Path.Combine(_dir, "stepflow.db"),
        };
        var arns = new List<string>();

        // First lifetime: start all 100 and stop the host once each waits on its timer or its token.
        using (var first = Build(settings, b => Register(b, ledger), shutdownTimeout: TimeSpan.FromSeconds(1)))
        {
            await first.StartAsync(Bounded());
            var engine = first.Services.GetRequiredService<StepFlowEngine>();
            for (var i = 0; i < Executions; i++)
            {
                var input = JsonObject.Create(("timer", JsonValue.From(i % 2 == 0)));
                arns.Add((await engine.StartExecutionAsync(MachineArn("Orders"), input, $"order-{i:D3}")).ExecutionArn);
            }

            await Eventually(() => ledger.TokensHandedOut.Count == Executions / 2, "every token execution got its token");
            await EventuallyAsync(async () => await CountParkedAtWaitAsync(first.Services.GetRequiredService<IExecutionStore>(), arns) == Executions / 2, "every timer execution stored its Wait");
            ledger.Finished.Should().BeEmpty("the host is stopped while every execution still waits");
            await first.StopAsync(Bounded());
        }

        var tokens = ledger.TokensHandedOut.ToDictionary();
        var workBeforeRestart = ledger.WorkCalls.Values.Sum();
        output.WriteLine($"stopped with {tokens.Count} executions on tokens, {Executions - tokens.Count} on timers; Work invoked {workBeforeRestart} times");

        // Second lifetime: the worker recovers; every token from the first lifetime is answered once.
        var second = Build(settings, b => Register(b, ledger));
        await second.StartAsync(Bounded());
        var recovered = second.Services.GetRequiredService<StepFlowWorker>().LastRecovery;
        output.WriteLine($"recovered {recovered?.Resumed.Count}, unrecoverable {recovered?.Unrecoverable.Count}");
        var resumed = second.Services.GetRequiredService<StepFlowEngine>();
        var early = 0;
        foreach (var (_, token) in tokens)
        {
            early += await AnswerOnceAsync(resumed, token);
        }

        output.WriteLine($"{early} answers came before their resumed execution had reopened its callback (TaskDoesNotExist) and were sent again");

        var unfinished = new List<string>();
        var wait = Bounded(60);
        foreach (var arn in arns)
        {
            try
            {
                var done = await resumed.WaitForExecutionAsync(arn, wait);
                done.Status.Should().Be(ExecutionStatus.Succeeded, $"{arn}: {done.Error} {done.Cause}");
            }
            catch (OperationCanceledException)
            {
                unfinished.Add(arn);
            }
        }

        unfinished.Should().BeEmpty($"{unfinished.Count} of {Executions} executions did not finish within 60 s of the restart");
        await second.StopAsync(Bounded());
        second.Dispose();

        ledger.WorkCalls.Should().HaveCount(Executions).And.OnlyContain(c => c.Value == 1, "Work finished before the stop and is never run again");
        ledger.Finished.Should().HaveCount(Executions).And.OnlyContain(c => c.Value == 1, "each execution finishes once");
        using var store = new Sqlite.SqliteExecutionStore(Path.Combine(_dir, "stepflow.db"));
        foreach (var arn in arns)
        {
            var events = await store.ReadEventsAsync(arn, default);
            events.Count(e => e.Type == HistoryEventTypes.ExecutionSucceeded).Should().Be(1, arn);
            events.Count(e => e.Type == HistoryEventTypes.TaskStateExited && e.StateName == "Finish").Should().Be(1, arn);
            (await store.GetAsync(arn, default))!.Status.Should().Be(ExecutionStatus.Succeeded);
        }
    }

    private static void Register(StepFlowBuilder builder, Ledger ledger) => builder
        .AddStateMachine("Orders", StateMachine.Parse(Definition))
        .ConfigureEngine((_, engine) => engine
            .AddTaskHandler(Work, i =>
            {
                ledger.WorkCalls.AddOrUpdate(i.ExecutionArn, 1, (_, n) => n + 1);
                return JsonObject.Empty;
            })
            .AddTaskHandler(Notify, i =>
            {
                ledger.TokensHandedOut.TryAdd(i.ExecutionArn, i.TaskToken!);
                return JsonObject.Empty;
            })
            .AddTaskHandler(Finish, i =>
            {
                ledger.Finished.AddOrUpdate(i.ExecutionArn, 1, (_, n) => n + 1);
                return JsonObject.Create(("done", JsonValue.True));
            }));

    /// <summary>How many timer executions have their Wait in the store (it is stored before the timer starts).</summary>
    private static async Task<int> CountParkedAtWaitAsync(IExecutionStore store, List<string> arns)
    {
        var parked = 0;
        foreach (var arn in arns.Where((_, i) => i % 2 == 0))
        {
            var events = await store.ReadEventsAsync(arn, default);
            parked += events.Any(e => e.Type == HistoryEventTypes.WaitStateEntered) ? 1 : 0;
        }

        return parked;
    }

    /// <summary>
    /// Answers a token from before the restart. A resumed execution reopens its callback when it reaches it again, shortly
    /// after the recovery; an answer before that is refused with TaskDoesNotExist (nothing is stored) and is sent again.
    /// Returns how many times it was refused.
    /// </summary>
    private static async Task<int> AnswerOnceAsync(StepFlowEngine engine, string token)
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();
        for (var refused = 0; ; refused++)
        {
            try
            {
                await engine.SendTaskSuccessAsync(token, """{"approved":true}""", Bounded());
                return refused;
            }
            catch (TaskApiException e) when (e.ErrorCode == TaskApiErrorCodes.TaskDoesNotExist && watch.Elapsed < TimeSpan.FromSeconds(30))
            {
                await Task.Delay(20);
            }
        }
    }

    private static async Task EventuallyAsync(Func<Task<bool>> condition, string what)
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();
        while (!await condition())
        {
            if (watch.Elapsed > TimeSpan.FromSeconds(30))
            {
                throw new TimeoutException($"Not reached within 30 s: {what}");
            }

            await Task.Delay(20);
        }
    }

    private sealed class Ledger
    {
        public ConcurrentDictionary<string, int> WorkCalls { get; } = new();

        public ConcurrentDictionary<string, string> TokensHandedOut { get; } = new();

        public ConcurrentDictionary<string, int> Finished { get; } = new();
    }
}
