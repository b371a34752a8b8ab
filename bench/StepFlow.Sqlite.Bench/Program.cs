using System.Diagnostics;
using System.Globalization;
using StepFlow.Execution;
using StepFlow.Json;
using StepFlow.Persistence;
using StepFlow.Sqlite;

namespace StepFlow.Sqlite.Bench;

/// <summary>
/// Measures the SQLite store's write rates: large commits (a burst of side-effect-free states, 2,000 events of
/// ~150-byte data each) in events/s, and small commits (one record update + 3 events) in commits/s.
/// Usage: <c>dotnet run -c Release --project bench/StepFlow.Sqlite.Bench -- [--sync normal|full] [--dir DIR] [--seconds S]</c>.
/// </summary>
public static class Program
{
    private static readonly DateTimeOffset Epoch = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static async Task<int> Main(string[] args)
    {
        var sync = SqliteSynchronousMode.Normal;
        var directory = Path.GetTempPath();
        var seconds = 3.0;
        var only = "both";
        var pageSize = SqliteStoreOptions.Default.PageSize;
        var checkpoint = SqliteStoreOptions.Default.WalAutoCheckpoint;
        for (var i = 0; i + 1 < args.Length && !args[i].StartsWith("--c", StringComparison.Ordinal) && args[i] != "--blob"; i += 2)
        {
            switch (args[i])
            {
                case "--sync": sync = args[i + 1] == "full" ? SqliteSynchronousMode.Full : SqliteSynchronousMode.Normal; break;
                case "--dir": directory = args[i + 1]; break;
                case "--page": pageSize = int.Parse(args[i + 1], CultureInfo.InvariantCulture); break;
                case "--checkpoint": checkpoint = int.Parse(args[i + 1], CultureInfo.InvariantCulture); break;
                case "--only": only = args[i + 1]; break;
                case "--seconds": seconds = double.Parse(args[i + 1], CultureInfo.InvariantCulture); break;
                default: Console.Error.WriteLine($"unknown option {args[i]}"); return 2;
            }
        }

        if (args.Contains("--blob"))
        {
            BlobProbe.RunPerRow(directory);
            BlobProbe.Run(directory);
            return 0;
        }

        if (args.Contains("--codec"))
        {
            CodecProbe.Run();
            return 0;
        }

        var options = new SqliteStoreOptions { Synchronous = sync, PageSize = pageSize, WalAutoCheckpoint = checkpoint };
        Console.WriteLine($"synchronous={sync} page_size={pageSize} wal_autocheckpoint={checkpoint} dir={directory}");
        if (only != "small")
        {
            await LargeCommitsAsync(directory, options, seconds);
        }

        if (only != "large")
        {
            await SmallCommitsAsync(directory, options, seconds, recordChanges: true);
            await SmallCommitsAsync(directory, options, seconds, recordChanges: false);
        }

        return 0;
    }

    private static async Task LargeCommitsAsync(string directory, SqliteStoreOptions options, double seconds)
    {
        const int PerCommit = 2000;
        var path = Path.Combine(directory, $"stepflow-bench-{Guid.NewGuid():N}.db");
        try
        {
            await using var store = new SqliteExecutionStore(path, options);
            var pool = Enumerable.Range(0, 4096).Select(i => JsonValue.Parse(
                $$"""{"orderId":"ord-{{i:D8}}","customer":{"id":{{i * 7}},"name":"Customer number {{i}}","tier":"gold"},"amount":{{i * 3.25}},"items":[1,2,3],"ok":true}""")).ToArray();
            var dataBytes = pool.Average(v => v.Utf8Length);
            var record = Record("large", 0);
            await store.TryCreateAsync(record, [], CancellationToken.None);
            long next = 1;
            var commits = 0;
            var timed = Stopwatch.StartNew();
            var cpu = Cpu();
            var inCommit = 0L;
            var inCommitCpu = 0L;
            var warmup = true;
            while (true)
            {
                var events = new StoredEvent[PerCommit];
                for (var i = 0; i < PerCommit; i++, next++)
                {
                    events[i] = new StoredEvent
                    {
                        Id = next,
                        Timestamp = Epoch.AddTicks(next * 10),
                        Type = (next & 1) == 0 ? "PassStateEntered" : "PassStateExited",
                        StateName = "State" + (next % 1000).ToString(CultureInfo.InvariantCulture),
                        Data = pool[next % pool.Length],
                        Scope = string.Empty,
                        Visit = 0,
                    };
                }

                var started = Stopwatch.GetTimestamp();
                var startedCpu = ThreadCpu.Nanoseconds();
                await store.CommitAsync([new ExecutionWrite(record.ExecutionArn, null, events)], CancellationToken.None);
                inCommit += Stopwatch.GetTimestamp() - started;
                inCommitCpu += ThreadCpu.Nanoseconds() - startedCpu;
                commits++;
                if (warmup && timed.Elapsed.TotalSeconds > 1)
                {
                    warmup = false;
                    commits = 0;
                    inCommit = 0;
                    inCommitCpu = 0;
                    timed.Restart();
                    cpu = Cpu();
                }
                else if (!warmup && timed.Elapsed.TotalSeconds >= seconds)
                {
                    break;
                }
            }

            var elapsed = timed.Elapsed.TotalSeconds;
            var cpuSeconds = Cpu() - cpu;
            var commitSeconds = (double)inCommit / Stopwatch.Frequency;
            var commitCpuSeconds = inCommitCpu / 1e9;
            var read = Stopwatch.StartNew();
            var all = await store.ReadEventsAsync(record.ExecutionArn, CancellationToken.None);
            var readSeconds = read.Elapsed.TotalSeconds;
            Console.WriteLine(
                $"large commits of {PerCommit} events (~{dataBytes:F0}-byte data): {commits / commitSeconds:F0} commits/s = " +
                $"{commits * PerCommit / commitSeconds:F0} events/s inside CommitAsync, {commits * PerCommit / commitCpuSeconds:F0} per CPU second of the committing thread ({commits * PerCommit / elapsed:F0} with the harness " +
                $"building the events; process CPU {cpuSeconds / elapsed:P0} of one core); file {new FileInfo(path).Length / 1e6:F0} MB + wal; " +
                $"read back {all.Count} events at {all.Count / readSeconds:F0} events/s");
        }
        finally
        {
            Delete(path);
        }
    }

    private static async Task SmallCommitsAsync(string directory, SqliteStoreOptions options, double seconds, bool recordChanges)
    {
        var path = Path.Combine(directory, $"stepflow-bench-{Guid.NewGuid():N}.db");
        try
        {
            await using var store = new SqliteExecutionStore(path, options);
            const int Executions = 16;
            var records = new ExecutionRecord[Executions];
            var nextIds = new long[Executions];
            for (var e = 0; e < Executions; e++)
            {
                records[e] = Record("small-" + e.ToString(CultureInfo.InvariantCulture), e);
                await store.TryCreateAsync(records[e], [], CancellationToken.None);
                nextIds[e] = 1;
            }

            var data = JsonValue.Parse("""{"counter":41,"payload":{"value":"some text of the task's result","n":12}}""");
            var commits = 0;
            var timed = Stopwatch.StartNew();
            var cpu = Cpu();
            var inCommit = 0L;
            var inCommitCpu = 0L;
            var warmup = true;
            while (true)
            {
                var e = commits % Executions;
                var id = nextIds[e];
                nextIds[e] += 3;
                StoredEvent[] events =
                [
                    new() { Id = id, Timestamp = Epoch.AddTicks(id), Type = "TaskStateExited", StateName = "Work", Data = data, Scope = string.Empty, Visit = (int)id },
                    new() { Id = id + 1, Timestamp = Epoch.AddTicks(id + 1), Type = "PassStateEntered", StateName = "Inc", Data = data, Scope = string.Empty, Visit = (int)id },
                    new() { Id = id + 2, Timestamp = Epoch.AddTicks(id + 2), Type = "PassStateExited", StateName = "Inc", Data = data, Scope = string.Empty, Visit = (int)id },
                ];
                records[e] = records[e] with { Cause = recordChanges ? "step " + id.ToString(CultureInfo.InvariantCulture) : null };
                var started = Stopwatch.GetTimestamp();
                var startedCpu = ThreadCpu.Nanoseconds();
                await store.CommitAsync([new ExecutionWrite(records[e].ExecutionArn, records[e], events)], CancellationToken.None);
                inCommit += Stopwatch.GetTimestamp() - started;
                inCommitCpu += ThreadCpu.Nanoseconds() - startedCpu;
                commits++;
                if (warmup && timed.Elapsed.TotalSeconds > 1)
                {
                    warmup = false;
                    commits = 0;
                    inCommit = 0;
                    inCommitCpu = 0;
                    timed.Restart();
                    cpu = Cpu();
                }
                else if (!warmup && timed.Elapsed.TotalSeconds >= seconds)
                {
                    break;
                }
            }

            var elapsed = timed.Elapsed.TotalSeconds;
            var cpuSeconds = Cpu() - cpu;
            var commitSeconds = (double)inCommit / Stopwatch.Frequency;
            var commitCpuSeconds = inCommitCpu / 1e9;
            Console.WriteLine($"small commits (1 record {(recordChanges ? "that changes" : "equal to the stored one")} + 3 events): " +
                $"{commits / commitSeconds:F0} commits/s inside CommitAsync, {commits / commitCpuSeconds:F0} per CPU second of the committing thread " +
                $"({commits / elapsed:F0} with the harness; process CPU {cpuSeconds / elapsed:P0} of one core)");
        }
        finally
        {
            Delete(path);
        }
    }

    private static ExecutionRecord Record(string name, int i) => new()
    {
        ExecutionArn = "arn:aws:states:us-east-1:123456789012:execution:Bench:" + name,
        Name = name,
        StateMachineArn = "arn:aws:states:us-east-1:123456789012:stateMachine:Bench",
        Definition = (JsonObject)JsonValue.Parse("""{"StartAt":"Work","States":{"Work":{"Type":"Task","Resource":"arn:aws:lambda:us-east-1:123456789012:function:Echo","Next":"Inc"},"Inc":{"Type":"Pass","End":true}}}"""),
        Input = JsonValue.Parse("""{"counter":0,"payload":{"value":"x"}}"""),
        Status = ExecutionStatus.Running,
        StartDate = Epoch.AddSeconds(i),
    };

    private static double Cpu() => Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds;

    private static void Delete(string path)
    {
        foreach (var suffix in new[] { string.Empty, "-wal", "-shm", "-lock" })
        {
            File.Delete(path + suffix);
        }
    }
}
