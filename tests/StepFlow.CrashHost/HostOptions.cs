using System.Globalization;
using StepFlow.Service;

namespace StepFlow.CrashHost;

/// <summary>
/// The crash host's command line: <c>&lt;database&gt; &lt;ledger&gt; &lt;executions&gt; &lt;lifetime&gt; &lt;start limit&gt;
/// &lt;start interval ms&gt; &lt;fault&gt;</c>. The lifetime starts the executions below the start limit that are not
/// started yet, one every interval, then waits until every execution below the limit has closed.
/// </summary>
public sealed record HostOptions(string Database, string Ledger, int Executions, int Lifetime, int StartLimit, TimeSpan StartInterval, string Fault)
{
    /// <summary>No fault: the engine as shipped.</summary>
    public const string NoFault = "none";

    /// <summary>Fault: a callback answer is acknowledged 400 ms before it is stored.</summary>
    public const string CallbackAnswerEarly = "callback-answer-early";

    /// <summary>Fault: StartExecution returns 300 ms before the execution is stored.</summary>
    public const string StartEarly = "start-early";

    /// <summary>The command line for these options.</summary>
    public IReadOnlyList<string> ToArguments() =>
    [
        Database, Ledger, Executions.ToString(CultureInfo.InvariantCulture), Lifetime.ToString(CultureInfo.InvariantCulture),
        StartLimit.ToString(CultureInfo.InvariantCulture), ((int)StartInterval.TotalMilliseconds).ToString(CultureInfo.InvariantCulture), Fault,
    ];

    /// <summary>Reads the command line; null (after printing the usage) when it is not one.</summary>
    public static HostOptions? Parse(string[] args)
    {
        if (args.Length == 7
            && int.TryParse(args[2], NumberStyles.None, CultureInfo.InvariantCulture, out var executions)
            && int.TryParse(args[3], NumberStyles.None, CultureInfo.InvariantCulture, out var lifetime)
            && int.TryParse(args[4], NumberStyles.None, CultureInfo.InvariantCulture, out var limit)
            && int.TryParse(args[5], NumberStyles.None, CultureInfo.InvariantCulture, out var interval)
            && args[6] is NoFault or CallbackAnswerEarly or StartEarly)
        {
            return new HostOptions(args[0], args[1], executions, lifetime, Math.Min(limit, executions), TimeSpan.FromMilliseconds(interval), args[6]);
        }

        Console.Error.WriteLine($"usage: StepFlow.CrashHost <database> <ledger> <executions> <lifetime> <start limit> <start interval ms> <{NoFault}|{CallbackAnswerEarly}|{StartEarly}>");
        return null;
    }

    /// <summary>Breaks the engine as <see cref="Fault"/> says (through its internal fault switches).</summary>
    public void ApplyFault()
    {
        DurabilityFaults.CallbackAnswerAcknowledgedEarly = Fault == CallbackAnswerEarly ? TimeSpan.FromMilliseconds(400) : TimeSpan.Zero;
        DurabilityFaults.StartReturnsEarly = Fault == StartEarly ? TimeSpan.FromMilliseconds(300) : TimeSpan.Zero;
    }
}
