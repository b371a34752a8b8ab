using StepFlow.Cli.Commands;

namespace StepFlow.Cli;

/// <summary>
/// A set of verbs under one command name: finds the verb, prints usage on mistakes and turns the verbs' exceptions into
/// exit codes. The <c>stepflow</c> tool is one; the repository's developer tool (tools/StepFlow.DevTool) is another.
/// </summary>
/// <param name="title">The first line of the usage text.</param>
/// <param name="commands">The verbs.</param>
public sealed class CommandSet(string title, IReadOnlyList<ICommand> commands)
{
    /// <summary>The verbs.</summary>
    public IReadOnlyList<ICommand> Commands { get; } = commands ?? throw new ArgumentNullException(nameof(commands));

    /// <summary>The full usage text.</summary>
    public string UsageText =>
        title + "\n\nUsage:\n"
        + string.Join("\n", Commands.Select(c => c.Usage))
        + "\n\nExit codes: 0 success, 1 execution failed, 2 invalid definition or input, 3 not available in this build, 64 usage error, 66 missing file.\n";

    /// <summary>Runs the command line with the given writers.</summary>
    public async Task<int> RunAsync(IReadOnlyList<string> args, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);
        if (args.Count == 0 || args[0] is "-h" or "--help" or "help")
        {
            await (args.Count == 0 ? stderr : stdout).WriteAsync(UsageText).ConfigureAwait(false);
            return args.Count == 0 ? ExitCodes.Usage : ExitCodes.Success;
        }

        var command = Commands.FirstOrDefault(c => c.Name == args[0]);
        if (command is null)
        {
            await stderr.WriteLineAsync($"Unknown command '{args[0]}'.").ConfigureAwait(false);
            await stderr.WriteAsync(UsageText).ConfigureAwait(false);
            return ExitCodes.Usage;
        }

        var rest = args.Skip(1).ToList();
        if (rest.Contains("--help") || rest.Contains("-h"))
        {
            await stdout.WriteLineAsync("Usage:\n" + command.Usage).ConfigureAwait(false);
            return ExitCodes.Success;
        }

        try
        {
            return await command.RunAsync(rest, stdout, stderr, cancellationToken).ConfigureAwait(false);
        }
        catch (UsageException ex)
        {
            await stderr.WriteLineAsync(ex.Message).ConfigureAwait(false);
            await stderr.WriteLineAsync("Usage:\n" + command.Usage).ConfigureAwait(false);
            return ExitCodes.Usage;
        }
        catch (InvalidInputException ex)
        {
            await stderr.WriteLineAsync(ex.Message).ConfigureAwait(false);
            return ExitCodes.Invalid;
        }
        catch (FileNotFoundException ex)
        {
            await stderr.WriteLineAsync($"File not found: {ex.FileName ?? ex.Message}").ConfigureAwait(false);
            return ExitCodes.NoInput;
        }
        catch (DirectoryNotFoundException ex)
        {
            await stderr.WriteLineAsync(ex.Message).ConfigureAwait(false);
            return ExitCodes.NoInput;
        }
    }

    /// <summary>Runs the command line on the console; Ctrl+C cancels.</summary>
    public async Task<int> RunOnConsoleAsync(IReadOnlyList<string> args)
    {
        using var cancellation = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            cancellation.Cancel();
        };
        return await RunAsync(args, Console.Out, Console.Error, cancellation.Token).ConfigureAwait(false);
    }
}
