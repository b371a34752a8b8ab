using StepFlow.Definition;
using StepFlow.Execution;
using StepFlow.Json;
using StepFlow.Parsing;
using StepFlow.Persistence;
using StepFlow.Service;
using StepFlow.Sqlite.Tests.Support;

namespace StepFlow.Sqlite.Tests;

/// <summary>
/// One execution's damaged event chunk does not stop the recovery of the others: they resume, and the damaged one is
/// reported with the reason and quarantined — not read again at later starts, its data kept.
/// </summary>
public sealed class RecoveryQuarantineTests : IDisposable
{
    private const string MachineArn = "arn:aws:states:us-east-1:123456789012:stateMachine:Flow";
    private const string Definition = """
        {"StartAt":"Ask","States":{
          "Ask":{"Type":"Task","Resource":"arn:aws:states:::sqs:sendMessage.waitForTaskToken","Parameters":{"q":"x"},"ResultPath":"$.answer","Next":"Done"},
          "Done":{"Type":"Pass","End":true}}}
        """;

    private readonly TempDatabase _file = new();

    [Fact]
    public async Task Recover_OneExecutionsChunkDamaged_TheOthersResumeAndTheDamagedOneIsReportedAndQuarantined()
    {
        var tokens = new Dictionary<string, string>();
        var names = new[] { "a", "b", "c", "d" };
        await StartAndStopAsync(names, tokens);

        RawDatabase.Execute(_file.Path, "UPDATE event_chunks SET events = x'02FF00' WHERE execution_id = (SELECT id FROM executions WHERE name = 'b')");
        var damaged = RawDatabase.Scalar(_file.Path, "SELECT hex(group_concat(hex(events))) FROM event_chunks WHERE execution_id = (SELECT id FROM executions WHERE name = 'b')");

        RecoveryReport report;
        await using (var store = new SqliteExecutionStore(_file.Path))
        {
            tokens.Clear();
            var engine = Build(store, tokens);
            report = await engine.RecoverAsync();
            await WaitForTokensAsync(tokens, 3);

            foreach (var token in Snapshot(tokens).Values)
            {
                await engine.SendTaskSuccessAsync(token, JsonObject.Create(("ok", JsonValue.True)));
            }

            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            foreach (var name in new[] { "a", "c", "d" })
            {
                (await engine.WaitForExecutionAsync(Arn(name), timeout.Token)).Status.Should().Be(ExecutionStatus.Succeeded);
            }

            var waitForB = async () => await engine.WaitForExecutionAsync(Arn("b"), timeout.Token);
            (await waitForB.Should().ThrowAsync<InvalidOperationException>()).Which.Message.Should().Contain("quarantined");
            await engine.ShutdownAsync();
        }

        report.Resumed.Should().BeEquivalentTo([Arn("a"), Arn("c"), Arn("d")]);
        var entry = report.Unrecoverable.Should().ContainSingle().Which;
        entry.ExecutionArn.Should().Be(Arn("b"));
        entry.Quarantined.Should().BeTrue();
        entry.Reason.Should().Contain("damaged").And.Contain("execution");

        await using (var store = new SqliteExecutionStore(_file.Path))
        {
            var engine = Build(store, tokens);
            var again = await engine.RecoverAsync();
            await engine.ShutdownAsync();

            again.Resumed.Should().BeEmpty("the quarantined execution is not tried again");
            again.Unrecoverable.Should().ContainSingle().Which.Should().Be(entry with { });
            var record = await store.GetAsync(Arn("b"), CancellationToken.None);
            record!.Status.Should().Be(ExecutionStatus.Running, "a quarantined execution is kept, never purged");
            record.Error.Should().Be(UnrecoverableExecution.QuarantinedError);
        }

        RawDatabase.Scalar(_file.Path, "SELECT hex(group_concat(hex(events))) FROM event_chunks WHERE execution_id = (SELECT id FROM executions WHERE name = 'b')")
            .Should().Be(damaged, "the damaged data is kept as it was");
    }

    [Fact]
    public async Task Recover_OneExecutionsRecordDamaged_TheOthersResumeAndTheDamagedOneIsReported()
    {
        var tokens = new Dictionary<string, string>();
        var names = new[] { "a", "b", "c" };
        await StartAndStopAsync(names, tokens);

        RawDatabase.Execute(_file.Path, "UPDATE execution_data SET input = '{\"name\":' WHERE execution_id = (SELECT id FROM executions WHERE name = 'b')");

        await using (var store = new SqliteExecutionStore(_file.Path))
        {
            (await store.ListRunningAsync(CancellationToken.None)).Select(r => r.Error)
                .Should().Equal(null, UnrecoverableExecution.QuarantinedError, null);

            tokens.Clear();
            var engine = Build(store, tokens);
            var report = await engine.RecoverAsync();
            await WaitForTokensAsync(tokens, 2);

            foreach (var token in Snapshot(tokens).Values)
            {
                await engine.SendTaskSuccessAsync(token, JsonObject.Create(("ok", JsonValue.True)));
            }

            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            foreach (var name in new[] { "a", "c" })
            {
                (await engine.WaitForExecutionAsync(Arn(name), timeout.Token)).Status.Should().Be(ExecutionStatus.Succeeded);
            }

            await engine.ShutdownAsync();

            report.Resumed.Should().BeEquivalentTo([Arn("a"), Arn("c")]);
            var entry = report.Unrecoverable.Should().ContainSingle().Which;
            entry.ExecutionArn.Should().Be(Arn("b"));
            entry.Reason.Should().Contain("record").And.Contain("damaged");
        }

        RawDatabase.Scalar(_file.Path, "SELECT input FROM execution_data WHERE execution_id = (SELECT id FROM executions WHERE name = 'b')")
            .Should().Be("{\"name\":", "the damaged data is kept as it was");
    }

    public void Dispose() => _file.Dispose();

    /// <summary>Starts one execution per name, waits until each asks for its callback, and stops the engine.</summary>
    private async Task StartAndStopAsync(string[] names, Dictionary<string, string> tokens)
    {
        await using var store = new SqliteExecutionStore(_file.Path);
        var engine = Build(store, tokens);
        foreach (var name in names)
        {
            await engine.StartExecutionAsync(MachineArn, JsonObject.Create(("name", JsonValue.From(name))), name);
        }

        await WaitForTokensAsync(tokens, names.Length);
        await engine.ShutdownAsync();
    }

    private static async Task WaitForTokensAsync(Dictionary<string, string> tokens, int count)
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();
        while (Count(tokens) < count && watch.Elapsed < TimeSpan.FromSeconds(20))
        {
            await Task.Delay(10);
        }
    }

    private static string Arn(string name) => $"arn:aws:states:us-east-1:123456789012:execution:Flow:{name}";

    private static int Count(Dictionary<string, string> tokens)
    {
        lock (tokens)
        {
            return tokens.Count;
        }
    }

    private static Dictionary<string, string> Snapshot(Dictionary<string, string> tokens)
    {
        lock (tokens)
        {
            return new Dictionary<string, string>(tokens);
        }
    }

    private static StepFlowEngine Build(SqliteExecutionStore store, Dictionary<string, string> tokens) =>
        StepFlowEngine.CreateBuilder()
            .AddTaskHandler("arn:aws:states:::sqs:sendMessage", invocation =>
            {
                lock (tokens)
                {
                    tokens[invocation.ExecutionArn] = invocation.TaskToken!;
                }

                return JsonObject.Empty;
            })
            .AddStateMachine("Flow", StateMachine.Parse(Definition))
            .UseExecutionStore(store)
            .Build();
}
