using StepFlow.Cli.Commands;

namespace StepFlow.Cli;

/// <summary>The entry point: dispatches to a verb, prints usage on mistakes.</summary>
public static class Program
{
    /// <summary>All verbs.</summary>
    public static IReadOnlyList<ICommand> Commands { get; } =
    [
        new RunCommand(),
        new ValidateCommand(),
        new ConformanceCommand(),
        new BenchCommand(),
    ];

    /// <summary>The full usage text.</summary>
    public static string UsageText =>
        "stepflow - run Amazon States Language state machines with StepFlow\n\nUsage:\n"
        + string.Join("\n", Commands.Select(c => c.Usage))
        + "\n\nExit codes: 0 success, 1 execution failed, 2 invalid definition or input, 3 not available in this build, 64 usage error, 66 missing file.\n";

    /// <summary>Runs the command line; Ctrl+C cancels.</summary>
    public static async Task<int> Main(string[] args)
    {
        using var cancellation = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            cancellation.Cancel();
        };
        return await RunAsync(args, Console.Out, Console.Error, cancellation.Token).ConfigureAwait(false);
    }

    /// <summary>Runs the command line with the given writers (used by tests).</summary>
    public static async Task<int> RunAsync(IReadOnlyList<string> args, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
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
}
