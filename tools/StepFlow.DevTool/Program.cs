using StepFlow.Cli;
using StepFlow.DevTool.Commands;

namespace StepFlow.DevTool;

/// <summary>
/// The repository's developer tool (not shipped): runs the outside conformance suites and the shared benchmark
/// workloads. Run it with <c>dotnet run --project tools/StepFlow.DevTool -c Release -- &lt;verb&gt;</c>.
/// </summary>
public static class Program
{
    /// <summary>The tool's verbs.</summary>
    public static CommandSet Verbs { get; } = new(
        "stepflow-dev - StepFlow's conformance suites and benchmark workloads (a development tool; not shipped)",
        [
            new ConformanceCommand(),
            new BenchCommand(),
        ]);

    /// <summary>Runs the command line; Ctrl+C cancels.</summary>
    public static Task<int> Main(string[] args) => Verbs.RunOnConsoleAsync(args);
}
