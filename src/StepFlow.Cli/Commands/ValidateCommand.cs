using StepFlow.Parsing;

namespace StepFlow.Cli.Commands;

/// <summary><c>stepflow validate</c>: prints every diagnostic of a definition.</summary>
public sealed class ValidateCommand : ICommand
{
    /// <inheritdoc />
    public string Name => "validate";

    /// <inheritdoc />
    public string Usage =>
        "  stepflow validate <definition.json>\n"
        + "      Prints every diagnostic (errors and warnings); exits 0 when there is no error, else 2.";

    /// <inheritdoc />
    public async Task<int> RunAsync(IReadOnlyList<string> args, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stdout);
        var line = CommandLine.Parse(args, [], []);
        line.ExpectPositionals(1, "the definition file");
        var path = line.Positionals[0];
        var text = CommandIO.ReadFile(path);
        cancellationToken.ThrowIfCancellationRequested();

        var valid = StateMachine.TryParse(text, out var machine, out var diagnostics);
        var all = valid && diagnostics.IsDefaultOrEmpty ? machine!.Warnings : diagnostics;
        foreach (var diagnostic in all)
        {
            await stdout.WriteLineAsync(diagnostic.ToString()).ConfigureAwait(false);
        }

        var errors = all.Count(CommandIO.IsError);
        var warnings = all.Length - errors;
        valid = valid && errors == 0;
        await stdout.WriteLineAsync(valid
            ? $"{path}: valid ({warnings} warning(s))"
            : $"{path}: invalid ({errors} error(s), {warnings} warning(s))").ConfigureAwait(false);
        return valid ? ExitCodes.Success : ExitCodes.Invalid;
    }
}
