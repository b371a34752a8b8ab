using System.Diagnostics;
using StepFlow.CrashHost;
using StepFlow.Execution;
using StepFlow.Json;
using StepFlow.Persistence;
using StepFlow.Service;

namespace StepFlow.Sqlite.Tests;

/// <summary>
/// Kills a process running 200 durable executions (Task, Wait, Map, Parallel, callback) on a SQLite file with SIGKILL at
/// random moments, many times, then lets it finish: every execution must end with the output it has without a crash,
/// no task whose outcome was stored is invoked again, every invocation was stored as scheduled first, and none is lost.
/// </summary>
public sealed class CrashTests : IDisposable
{
    private const int Executions = 200;
    private const int Kills = 8;

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "stepflow-crash-" + Guid.NewGuid().ToString("N"));

    public CrashTests() => Directory.CreateDirectory(_folder);

    [Fact]
    public async Task Sigkill_AtRandomMoments_EveryExecutionFinishesAsWithoutTheCrashAndNoFinishedTaskRunsTwice()
    {
        var database = Path.Combine(_folder, "executions.db");
        var log = Path.Combine(_folder, "invocations.log");
        var random = new Random(20261126);
        var killed = 0;
        for (var lifetime = 0; lifetime < Kills; lifetime++)
        {
            await File.AppendAllTextAsync(log, $"--- lifetime {lifetime}\n");
            using var host = StartHost(database, log);
            await Task.Delay(random.Next(150, 1000));
            if (!host.HasExited)
            {
                host.Kill(entireProcessTree: true);
                killed++;
            }

            await host.WaitForExitAsync();
        }

        await File.AppendAllTextAsync(log, $"--- lifetime {Kills} (to the end)\n");
        using (var last = StartHost(database, log))
        {
            var finished = last.WaitForExitAsync();
            (await Task.WhenAny(finished, Task.Delay(TimeSpan.FromMinutes(3)))).Should().Be(finished, "the last run should finish every execution");
            var output = await last.StandardOutput.ReadToEndAsync() + await last.StandardError.ReadToEndAsync();
            last.ExitCode.Should().Be(0, output);
        }

        killed.Should().BeGreaterThanOrEqualTo(Kills / 2, "most runs should have been killed before they finished (the executions wait 4 s in all)");
        var expected = await RunWithoutCrashAsync();
        await using var store = new SqliteExecutionStore(database);
        var invocations = ReadInvocations(log);
        for (var i = 0; i < Executions; i++)
        {
            var arn = $"arn:aws:states:us-east-1:123456789012:execution:{CrashWorkflow.Name}:{CrashWorkflow.ExecutionName(i)}";
            var record = await store.GetAsync(arn, default);
            record.Should().NotBeNull($"execution {i} must not be lost");
            record!.Status.Should().Be(ExecutionStatus.Succeeded, $"execution {i}: {record.Error} {record.Cause}");
            record.Output!.ToJsonString().Should().Be(expected[i].ToJsonString(), $"execution {i} must end as it does without a crash");
            CheckTasks(arn, await store.ReadEventsAsync(arn, default), invocations, killed);
        }
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // A killed process may still hold the file for a moment; the folder is in the temp directory.
        }
    }

    /// <summary>
    /// For every task attempt of the execution (execution, state visit, attempt = the idempotency key): each invocation was
    /// preceded by a stored Scheduled event, no Scheduled event follows its stored outcome, and it was invoked at most once
    /// per process lifetime and at most once more per kill.
    /// </summary>
    private static void CheckTasks(string arn, IReadOnlyList<StoredEvent> events, IReadOnlyDictionary<string, List<int>> invocations, int killed)
    {
        var scheduled = new Dictionary<string, int>(StringComparer.Ordinal);
        var outcome = new HashSet<string>(StringComparer.Ordinal);
        foreach (var stored in events)
        {
            if (stored.Scope is null || stored.Journal is null || !stored.Journal.TryGetValue("attempt", out var attempt))
            {
                continue;
            }

            var gen = stored.Journal.TryGetValue("gen", out var g) ? g.ToJsonString() : "0";
            var key = $"{stored.Scope}/{stored.Visit}#{gen}.{attempt.ToJsonString()}";
            var isOutcome = stored.Journal.TryGetValue("kind", out var kind) && kind.ToJsonString() == "3";
            if (stored.Type.EndsWith("Scheduled", StringComparison.Ordinal))
            {
                outcome.Should().NotContain(key, $"{arn} {key} was scheduled again after its outcome was stored");
                scheduled[key] = scheduled.GetValueOrDefault(key) + 1;
            }
            else if (isOutcome)
            {
                // Other events of a visit (a task started, a Map or Parallel started, ...) carry its attempt too.
                outcome.Add(key);
            }
        }

        scheduled.Keys.Should().BeEquivalentTo(outcome, $"{arn}: every scheduled task attempt has an outcome");
        foreach (var (key, times) in scheduled)
        {
            var lifetimes = invocations.TryGetValue(arn + "|" + key, out var found) ? found : [];
            lifetimes.Should().NotBeEmpty($"{arn} {key} was invoked");
            lifetimes.Count.Should().BeLessThanOrEqualTo(times, $"{arn} {key}: every invocation is preceded by a stored Scheduled event");
            lifetimes.Should().OnlyHaveUniqueItems($"{arn} {key} is invoked at most once per process lifetime");
            (lifetimes.Count - 1).Should().BeLessThanOrEqualTo(killed);
        }
    }

    /// <summary>Invocation log lines ("arn#state#scope/visit#gen.attempt") grouped by "arn|scope/visit#gen.attempt", with the lifetime of each.</summary>
    private static Dictionary<string, List<int>> ReadInvocations(string path)
    {
        var byKey = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        var lifetime = -1;
        foreach (var line in File.ReadLines(path))
        {
            if (line.StartsWith("--- lifetime", StringComparison.Ordinal))
            {
                lifetime++;
                continue;
            }

            var parts = line.Split('#');
            if (parts.Length != 4)
            {
                continue; // A line cut short by the kill.
            }

            var key = parts[0] + "|" + parts[2] + "#" + parts[3];
            if (!byKey.TryGetValue(key, out var list))
            {
                byKey[key] = list = [];
            }

            list.Add(lifetime);
        }

        return byKey;
    }

    /// <summary>The outputs of the same executions run in memory, uninterrupted.</summary>
    private static async Task<JsonValue[]> RunWithoutCrashAsync()
    {
        StepFlowEngine engine = null!;
        engine = StepFlowEngine.CreateBuilder()
            .AddStateMachine(CrashWorkflow.Name, CrashWorkflow.Machine)
            .AddTaskHandler(CrashWorkflow.WorkResource, CrashWorkflow.Work(null))
            .AddTaskHandler(CrashWorkflow.CallbackResource, invocation =>
            {
                var token = invocation.TaskToken!;
                var answer = CrashWorkflow.Approval(invocation.Input);
                _ = Task.Run(() => engine.SendTaskSuccessAsync(token, answer));
                return JsonObject.Empty;
            })
            .Build();
        var started = new List<StartExecutionResult>();
        for (var i = 0; i < Executions; i++)
        {
            started.Add(await engine.StartExecutionAsync(CrashWorkflow.Arn, CrashWorkflow.Input(i), CrashWorkflow.ExecutionName(i)));
        }

        var outputs = new JsonValue[Executions];
        for (var i = 0; i < Executions; i++)
        {
            var described = await engine.WaitForExecutionAsync(started[i].ExecutionArn);
            described.Status.Should().Be(ExecutionStatus.Succeeded);
            outputs[i] = described.Output!;
        }

        return outputs;
    }

    private static Process StartHost(string database, string log)
    {
        var host = typeof(CrashWorkflow).Assembly.Location;
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add("exec");
        info.ArgumentList.Add(host);
        info.ArgumentList.Add(database);
        info.ArgumentList.Add(log);
        info.ArgumentList.Add(Executions.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return Process.Start(info) ?? throw new InvalidOperationException("dotnet did not start.");
    }
}
