using StepFlow.Definition;
using StepFlow.Errors;
using StepFlow.Execution;
using StepFlow.Json;
using StepFlow.Parsing;
using StepFlow.Persistence;
using StepFlow.Service;
using StepFlow.Sqlite.Tests.Support;
using StepFlow.Tasks;

namespace StepFlow.Sqlite.Tests;

/// <summary>
/// On a SQLite file, an execution stopped right after each of its commits and resumed by a new engine (on a new store
/// over the same file) ends with the history of an uninterrupted run: the journals that let a resumed visit recognise
/// its stored events survive encoding and decoding.
/// </summary>
public sealed class SqliteResumedHistoryTests
{
    private const string MachineArn = "arn:aws:states:us-east-1:123456789012:stateMachine:Flow";
    private const string Work = "arn:aws:lambda:us-east-1:123456789012:function:work";

    private const string Definition = """
        {"StartAt":"Both","States":{
          "Both":{"Type":"Parallel","Next":"Flaky","Branches":[
            {"StartAt":"M","States":{"M":{"Type":"Map","ItemsPath":"$.items","MaxConcurrency":1,"End":true,
              "ItemProcessor":{"StartAt":"T","States":{"T":{"Type":"Task","Resource":"arn:aws:lambda:us-east-1:123456789012:function:work","Parameters":{"key.$":"$"},"End":true}}}}}},
            {"StartAt":"Ask","States":{"Ask":{"Type":"Task","Resource":"arn:aws:states:::sqs:sendMessage.waitForTaskToken","Parameters":{"key":"ask"},"End":true}}}]},
          "Flaky":{"Type":"Task","Resource":"arn:aws:lambda:us-east-1:123456789012:function:work","Parameters":{"key":"flaky"},"End":true,
            "Retry":[{"ErrorEquals":["Flaky"],"IntervalSeconds":1,"MaxAttempts":2,"BackoffRate":1.0,"MaxDelaySeconds":1}]}}}
        """;

    [Fact]
    public async Task Resume_AfterEveryCommit_EachGraphsEventsEqualAnUninterruptedRunsOnTheFile()
    {
        var (reference, referenceCommits) = await RunAsync(crashAfterCommit: null);
        var crashes = 0;
        for (var k = 1; k <= 100; k++)
        {
            var (stored, _) = await RunAsync(k);
            if (stored is null)
            {
                break;
            }

            crashes++;
            var because = $"a crash right after commit {k} must not change the history";
            stored.Select(e => e.Id).Should().Equal(Enumerable.Range(1, reference!.Count).Select(i => (long)i), because);
            ByGraph(stored).Should().BeEquivalentTo(ByGraph(reference), o => o.WithStrictOrdering(), because);
        }

        crashes.Should().BeGreaterThanOrEqualTo(Math.Min(referenceCommits - 1, 3));
    }

    private static async Task<(IReadOnlyList<StoredEvent>? Stored, int Commits)> RunAsync(int? crashAfterCommit)
    {
        using var file = new TempDatabase();
        var input = JsonValue.Parse("""{"items":["x","y","z"]}""");
        var arn = "arn:aws:states:us-east-1:123456789012:execution:Flow:resumed";
        int commits;
        bool crashed;
        await using (var inner = new SqliteExecutionStore(file.Path))
        {
            var store = new DyingStore(inner, crashAfterCommit);
            var engine = Build(store);
            await engine.StartExecutionAsync(MachineArn, input, "resumed");
            var closed = engine.WaitForExecutionAsync(arn, Bounded());
            await Task.WhenAny(closed, store.Died).WaitAsync(TimeSpan.FromSeconds(30));
            crashed = store.Died.IsCompleted;
            if (!crashed)
            {
                (await closed).Status.Should().Be(ExecutionStatus.Succeeded);
            }
            else
            {
                _ = closed.ContinueWith(t => t.Exception, TaskScheduler.Default);
            }

            await engine.ShutdownAsync();
            commits = store.Commits;
            if (crashAfterCommit is null || !crashed)
            {
                return (crashAfterCommit is null ? await inner.ReadEventsAsync(arn, CancellationToken.None) : null, commits);
            }
        }

        await using (var inner = new SqliteExecutionStore(file.Path))
        {
            var engine = Build(new DyingStore(inner, null));
            var report = await engine.RecoverAsync();
            report.Unrecoverable.Should().BeEmpty();
            var done = await engine.WaitForExecutionAsync(arn, Bounded());
            done.Status.Should().Be(ExecutionStatus.Succeeded, $"resumed after commit {crashAfterCommit} ({done.Error}: {done.Cause})");
            await engine.ShutdownAsync();
            return (await inner.ReadEventsAsync(arn, CancellationToken.None), commits);
        }
    }

    private static CancellationToken Bounded() => new CancellationTokenSource(TimeSpan.FromSeconds(30)).Token;

    private static StepFlowEngine Build(IExecutionStore store)
    {
        StepFlowEngine? engine = null;
        engine = StepFlowEngine.CreateBuilder()
            .AddTaskHandler(Work, Handle)
            .AddTaskHandler("arn:aws:states:::sqs:sendMessage", invocation =>
            {
                var token = invocation.TaskToken!;
                _ = Task.Run(async () =>
                {
                    try
                    {
                        await engine!.SendTaskSuccessAsync(token, JsonValue.Parse("""{"approved":true}"""));
                    }
                    catch (Exception)
                    {
                        // The "process" died meanwhile: the resumed task asks again.
                    }
                });
                return JsonObject.Empty;
            })
            .AddStateMachine("Flow", StateMachine.Parse(Definition))
            .UseExecutionStore(store)
            .Build();
        return engine;
    }

    /// <summary>Echoes its key; the first attempt of "flaky" fails.</summary>
    private static JsonValue Handle(TaskInvocation invocation)
    {
        var key = ((JsonObject)invocation.Input)["key"] is JsonString text ? text.Value : "?";
        if (key == "flaky" && invocation.RetryCount == 0)
        {
            throw new StatesErrorException("Flaky", "the first attempt fails");
        }

        return JsonObject.Create(("done", JsonValue.From(key)));
    }

    private static SortedDictionary<string, List<string>> ByGraph(IReadOnlyList<StoredEvent> events)
    {
        var graphs = new SortedDictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var e in events)
        {
            var key = e.Scope ?? "(execution)";
            if (!graphs.TryGetValue(key, out var list))
            {
                graphs[key] = list = [];
            }

            var journal = e.Scope is null ? null : e.Journal?.ToJsonString();
            list.Add($"{e.Type} {e.StateName} [{e.Index}] visit {e.Visit} {e.Data?.ToJsonString()} {e.Extra?.ToJsonString()} {journal}");
        }

        return graphs;
    }

    /// <summary>The SQLite store, until commit k is written: then the "process" dies and nothing more reaches the file.</summary>
    private sealed class DyingStore(SqliteExecutionStore inner, int? dieAfterCommit) : IExecutionStore, IEventPreEncoder
    {
        private readonly TaskCompletionSource _died = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _commits;

        public Task Died => _died.Task;

        public int Commits => Volatile.Read(ref _commits);

        public bool IsDurable => true;

        public object PreEncode(RecordedEvents events) => ((IEventPreEncoder)inner).PreEncode(events);

        public ValueTask InitializeAsync(CancellationToken cancellationToken) => inner.InitializeAsync(cancellationToken);

        public ValueTask<ExecutionRecord?> TryCreateAsync(ExecutionRecord record, IReadOnlyList<StoredEvent> events, CancellationToken cancellationToken)
        {
            ThrowIfDead();
            return inner.TryCreateAsync(record, events, cancellationToken);
        }

        public async ValueTask CommitAsync(IReadOnlyList<ExecutionWrite> writes, CancellationToken cancellationToken)
        {
            ThrowIfDead();
            await inner.CommitAsync(writes, cancellationToken);
            if (Interlocked.Increment(ref _commits) == dieAfterCommit)
            {
                _died.TrySetResult();
            }
        }

        public ValueTask<ExecutionRecord?> GetAsync(string executionArn, CancellationToken cancellationToken) => inner.GetAsync(executionArn, cancellationToken);

        public ValueTask<ExecutionRecordPage> ListAsync(ExecutionQuery query, CancellationToken cancellationToken) => inner.ListAsync(query, cancellationToken);

        public ValueTask<IReadOnlyList<ExecutionRecord>> ListRunningAsync(CancellationToken cancellationToken) => inner.ListRunningAsync(cancellationToken);

        public ValueTask<IReadOnlyList<StoredEvent>> ReadEventsAsync(string executionArn, CancellationToken cancellationToken) => inner.ReadEventsAsync(executionArn, cancellationToken);

        public ValueTask<int> PurgeAsync(DateTimeOffset stoppedBefore, CancellationToken cancellationToken) => inner.PurgeAsync(stoppedBefore, cancellationToken);

        private void ThrowIfDead()
        {
            if (_died.Task.IsCompleted)
            {
                throw new IOException("The process is gone (simulated crash).");
            }
        }
    }
}
