using System.Globalization;
using StepFlow.CrashHost;

namespace StepFlow.Sqlite.Tests.Crash;

/// <summary>
/// How big the crash test runs and with which seed. CI runs 200 executions and 20 kills with a fresh seed; environment
/// variables change it: <c>STEPFLOW_CRASH_SEED</c> replays a seed (the kill instants; the process's own timing still
/// varies), <c>STEPFLOW_CRASH_LONG=1</c> runs 2,000 executions and 100 kills, <c>STEPFLOW_CRASH_EXECUTIONS</c> and
/// <c>STEPFLOW_CRASH_KILLS</c> set either, and <c>STEPFLOW_CRASH_FAULT</c> (<c>callback-answer-early</c>,
/// <c>start-early</c>) runs the test against an engine broken on purpose, which must make it fail.
/// </summary>
internal sealed record CrashSettings(int Executions, int Kills, int Seed, string Fault)
{
    /// <summary>A kill comes at a uniformly random instant this long at most after the lifetime's first ledger entry.</summary>
    public static readonly TimeSpan MaxKillDelay = TimeSpan.FromMilliseconds(2500);

    /// <summary>
    /// How many executions killed lifetime <paramref name="lifetime"/> may have started: an equal share more in each, so
    /// every lifetime has executions to start and executions under way (one takes several seconds), up to the last.
    /// </summary>
    public int StartLimit(int lifetime) => lifetime >= Kills ? Executions : (int)Math.Ceiling((double)Executions * (lifetime + 1) / Kills);

    /// <summary>The pause between two starts: a lifetime's share is spread over the half of <see cref="MaxKillDelay"/> it lives on average.</summary>
    public TimeSpan StartInterval => TimeSpan.FromMilliseconds(MaxKillDelay.TotalMilliseconds / 2 / Math.Max(1, Executions / Kills));

    public static CrashSettings FromEnvironment()
    {
        var longMode = Environment.GetEnvironmentVariable("STEPFLOW_CRASH_LONG") == "1";
        var executions = Number("STEPFLOW_CRASH_EXECUTIONS") ?? (longMode ? 2_000 : 200);
        var kills = Number("STEPFLOW_CRASH_KILLS") ?? (longMode ? 100 : 20);
        var seed = Number("STEPFLOW_CRASH_SEED") ?? Random.Shared.Next();
        var fault = Environment.GetEnvironmentVariable("STEPFLOW_CRASH_FAULT") is { Length: > 0 } f ? f : HostOptions.NoFault;
        return new CrashSettings(executions, kills, seed, fault);
    }

    private static int? Number(string variable) =>
        Environment.GetEnvironmentVariable(variable) is { Length: > 0 } text
            ? int.Parse(text, NumberStyles.None, CultureInfo.InvariantCulture)
            : null;
}
