using StepFlow.Execution;
using StepFlow.Json;
using StepFlow.Parsing;
using StepFlow.Persistence;
using StepFlow.Testing.Time;

namespace StepFlow.Cli.Commands;

/// <summary>
/// <c>stepflow run</c>: parses a definition, runs it once and prints the output (indented) or the
/// error and cause.
/// </summary>
public sealed class RunCommand : ICommand
{
    /// <inheritdoc />
    public string Name => "run";

    /// <inheritdoc />
    public string Usage =>
        "  stepflow run <definition.json> [--input <file or inline JSON>] [--fake-clock] [--history] [--echo-tasks]\n"
        + "      Runs the state machine once (input defaults to {}). Prints the output JSON on success; prints\n"
        + "      'Error: ...' and 'Cause: ...' to stderr and exits 1 on failure; exits 2 on an invalid definition.\n"
        + "      --fake-clock  Waits and retry delays take no time (a self-advancing clock).\n"
        + "      --history     Prints the history event types to stderr.\n"
        + "      --echo-tasks  Binds every Task resource to a handler that returns its input; .waitForTaskToken\n"
        + "                    callbacks are answered at once with that input.";

    /// <inheritdoc />
    public async Task<int> RunAsync(IReadOnlyList<string> args, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);
        var line = CommandLine.Parse(args, ["--fake-clock", "--history", "--echo-tasks"], ["--input"]);
        line.ExpectPositionals(1, "the definition file");
        var definitionPath = line.Positionals[0];

        var machine = await CommandIO.ParseDefinitionAsync(definitionPath, stderr).ConfigureAwait(false);
        if (machine is null)
        {
            return ExitCodes.Invalid;
        }

        var input = line.Get("--input") is { } inputArgument ? CommandIO.ReadJsonArgument(inputArgument) : JsonObject.Empty;

        var builder = StepFlowEngine.CreateBuilder();
        if (line.Has("--fake-clock"))
        {
            builder.UseTimeProvider(new AutoAdvancingTimeProvider(DateTimeOffset.UtcNow));
        }

        StepFlowEngine? engine = null;
        if (line.Has("--echo-tasks"))
        {
            // A .waitForTaskToken task is answered at once, with its input, as if the callback came straight back.
            builder.AddTaskHandler("*", invocation =>
            {
                if (invocation.TaskToken is { } token)
                {
                    engine!.SendTaskSuccessAsync(token, invocation.Input, cancellationToken).GetAwaiter().GetResult();
                }

                return invocation.Input;
            });
        }

        engine = builder.Build();
        var options = new ExecutionOptions
        {
            StateMachineName = Path.GetFileNameWithoutExtension(definitionPath) is { Length: > 0 } name ? name : "StateMachine",
            RecordHistory = line.Has("--history"),
        };
        var result = await engine.ExecuteAsync(machine, input, options, cancellationToken).ConfigureAwait(false);

        if (line.Has("--history"))
        {
            foreach (var historyEvent in result.History)
            {
                await stderr.WriteLineAsync(historyEvent.Type).ConfigureAwait(false);
            }
        }

        if (result.Status == ExecutionStatus.Succeeded)
        {
            await stdout.WriteLineAsync((result.Output ?? JsonValue.Null).ToIndentedJsonString()).ConfigureAwait(false);
            return ExitCodes.Success;
        }

        if (result.Status != ExecutionStatus.Failed)
        {
            await stderr.WriteLineAsync($"Status: {result.Status}").ConfigureAwait(false);
        }

        await stderr.WriteLineAsync($"Error: {result.Error}").ConfigureAwait(false);
        await stderr.WriteLineAsync($"Cause: {result.Cause}").ConfigureAwait(false);
        return ExitCodes.ExecutionFailed;
    }
}
