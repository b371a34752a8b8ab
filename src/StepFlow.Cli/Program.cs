using StepFlow.Cli.Commands;

namespace StepFlow.Cli;

/// <summary>The entry point of the <c>stepflow</c> tool: the verbs a user runs definitions with.</summary>
public static class Program
{
    /// <summary>The tool's verbs (the conformance and benchmark verbs live in the repository's tools/StepFlow.DevTool).</summary>
    public static CommandSet Verbs { get; } = new(
        "stepflow - run Amazon States Language state machines with StepFlow",
        [
            new RunCommand(),
            new ValidateCommand(),
            new TestCommand(),
            new TestStateCommand(),
        ]);

    /// <summary>All verbs.</summary>
    public static IReadOnlyList<ICommand> Commands => Verbs.Commands;

    /// <summary>The full usage text.</summary>
    public static string UsageText => Verbs.UsageText;

    /// <summary>Runs the command line; Ctrl+C cancels.</summary>
    public static Task<int> Main(string[] args) => Verbs.RunOnConsoleAsync(args);

    /// <summary>Runs the command line with the given writers (used by tests).</summary>
    public static Task<int> RunAsync(IReadOnlyList<string> args, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken) =>
        Verbs.RunAsync(args, stdout, stderr, cancellationToken);
}
