using System.Diagnostics;
using StepFlow.CrashHost;
using StepFlow.Sqlite.Tests.Crash;
using Xunit.Abstractions;

namespace StepFlow.Sqlite.Tests;

/// <summary>
/// Kills a process running durable executions (Task with Retry, Wait, Map, Parallel, a callback answered from outside)
/// on a SQLite file with SIGKILL at random instants after it has started working, many times, then lets it finish; an
/// outside ledger records everything the engine acknowledged before the next action. Every acknowledged start, callback
/// answer and task outcome must be in the store, nothing completed twice, and every history must be the history of an
/// uninterrupted run. See <see cref="CrashSettings"/> for the seed, the long mode and the broken engines the test must
/// catch.
/// </summary>
public sealed class CrashTests(ITestOutputHelper output) : IDisposable
{
    private static readonly TimeSpan WorkTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan FinishTimeout = TimeSpan.FromMinutes(3);

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "stepflow-crash-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task Sigkill_AtRandomInstantsAfterWorkStarted_NothingAcknowledgedIsLostAndEveryHistoryIsTheUninterruptedOne()
    {
        Directory.CreateDirectory(_folder);
        var settings = CrashSettings.FromEnvironment();
        Say($"crash test seed {settings.Seed} (replay: STEPFLOW_CRASH_SEED={settings.Seed}); {settings.Executions} executions, {settings.Kills} kills, fault {settings.Fault}");
        var clock = Stopwatch.StartNew();

        var reference = new HostOptions(Path.Combine(_folder, "uninterrupted.db"), Path.Combine(_folder, "uninterrupted.ledger"), settings.Executions, 0, settings.Executions, TimeSpan.Zero, HostOptions.NoFault);
        var uninterruptedEnd = await RunToTheEndAsync(reference);
        uninterruptedEnd.ExitCode.Should().Be(0, $"the uninterrupted run should succeed:\n{uninterruptedEnd.Output}");
        var referenceTime = clock.Elapsed;

        var database = Path.Combine(_folder, "crashed.db");
        var ledger = Path.Combine(_folder, "crashed.ledger");
        var random = new Random(settings.Seed);
        for (var lifetime = 0; lifetime < settings.Kills; lifetime++)
        {
            using var host = HostLifetime.Start(new HostOptions(database, ledger, settings.Executions, lifetime, settings.StartLimit(lifetime), settings.StartInterval, settings.Fault));
            var working = await host.WaitForWorkAsync(WorkTimeout);
            working.Should().BeTrue($"lifetime {lifetime} should start working (exit code {(host.HasExited ? host.ExitCode : "-")}):\n{host.Output}");
            await Task.Delay(TimeSpan.FromMilliseconds(random.NextDouble() * CrashSettings.MaxKillDelay.TotalMilliseconds));
            host.HasExited.Should().BeFalse($"lifetime {lifetime} should still be running when it is killed (the executions should outlast the kills):\n{host.Output}");
            host.Kill();
            (await host.WaitForExitAsync(WorkTimeout)).Should().BeTrue($"lifetime {lifetime} should die of SIGKILL");
            host.ExitCode.Should().Be(HostLifetime.KilledExitCode, $"lifetime {lifetime} should have been killed, not have ended on its own:\n{host.Output}");
        }

        var last = await RunToTheEndAsync(new HostOptions(database, ledger, settings.Executions, settings.Kills, settings.Executions, settings.StartInterval, settings.Fault));
        var runTime = clock.Elapsed - referenceTime;

        await using var crashed = new SqliteExecutionStore(database);
        await using var uninterrupted = new SqliteExecutionStore(reference.Database);
        var checks = await CrashChecks.RunAsync(crashed, uninterrupted, Ledger.Read(ledger), settings.Executions);
        Say($"crash test summary: seed {settings.Seed}, {settings.Executions} executions, {settings.Kills} kills ({checks.Lifetimes} lifetimes), "
            + $"checked {checks.StartsChecked} acknowledged starts, {checks.AnswersChecked} acknowledged callback answers, "
            + $"{checks.OutcomesChecked} task outcomes ({checks.AcknowledgedOutcomesChecked} acknowledged by a later effect), "
            + $"{settings.Executions} histories ({checks.HistoriesDiffering} differ from the uninterrupted run); "
            + $"{checks.Problems.Count} problems; uninterrupted run {referenceTime.TotalSeconds:F1} s, killed run {runTime.TotalSeconds:F1} s");
        await File.WriteAllLinesAsync(Path.Combine(_folder, "findings.txt"), checks.Problems.Concat(checks.HistoryDifferences));
        foreach (var line in checks.Problems.Take(40).Concat(checks.HistoryDifferences.Take(40)))
        {
            Say(line);
        }

        checks.Problems.Should().BeEmpty($"nothing acknowledged may be lost and nothing may complete twice (seed {settings.Seed}); the last lifetime said:\n{last.Output}");
        checks.HistoryDifferences.Should().BeEmpty($"every history must be the uninterrupted run's (seed {settings.Seed})");
        last.ExitCode.Should().Be(0, $"the last lifetime should see every execution succeed:\n{last.Output}");
    }

    public void Dispose()
    {
        if (Environment.GetEnvironmentVariable("STEPFLOW_CRASH_KEEP") == "1")
        {
            Console.Error.WriteLine($"crash test files kept in {_folder}");
            return;
        }

        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // A killed process may still hold a file for a moment; the folder is in the temp directory.
        }
    }

    /// <summary>Runs a lifetime to its end; returns its exit code and what it printed.</summary>
    private static async Task<(int ExitCode, string Output)> RunToTheEndAsync(HostOptions options)
    {
        using var host = HostLifetime.Start(options);
        var finished = await host.WaitForExitAsync(FinishTimeout);
        finished.Should().BeTrue($"the lifetime to the end should finish within {FinishTimeout}:\n{host.Output}");
        return (host.ExitCode, host.Output);
    }

    private void Say(string line)
    {
        output.WriteLine(line);
        Console.Error.WriteLine(line);

        // `dotnet test` shows neither at its default verbosity: CI names a file to collect the seed and summary in.
        if (Environment.GetEnvironmentVariable("STEPFLOW_CRASH_SUMMARY") is { Length: > 0 } summary)
        {
            File.AppendAllText(summary, line + Environment.NewLine);
        }
    }
}
