using StepFlow.Service;
using StepFlow.Service.TestState;

namespace StepFlow.Cli.Commands;

/// <summary>
/// <c>stepflow test-state</c>: sends a TestState request (AWS's field names) to an in-process engine and prints the
/// response JSON as AWS returns it, or the error code and message AWS would raise.
/// </summary>
public sealed class TestStateCommand : ICommand
{
    /// <inheritdoc />
    public string Name => "test-state";

    /// <inheritdoc />
    public string Usage =>
        "  stepflow test-state <request.json or JSON>\n"
        + "      Runs one state as AWS's TestState API does. The request has the API's fields (definition, input,\n"
        + "      inspectionLevel, stateName, variables, context, mock, stateConfiguration, ...). Prints the response\n"
        + "      JSON and exits 0, or prints '<ErrorCode>: <message>' and exits 1 when the request is refused.";

    /// <inheritdoc />
    public async Task<int> RunAsync(IReadOnlyList<string> args, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);
        var line = CommandLine.Parse(args, [], []);
        line.ExpectPositionals(1, "the request (a file or JSON text)");
        var argument = line.Positionals[0];
        var text = File.Exists(argument) ? CommandIO.ReadFile(argument) : argument;
        await using var engine = StepFlowEngine.CreateBuilder().Build();
        try
        {
            var request = TestStateJson.ParseRequest(text);
            var response = await engine.TestStateAsync(request, cancellationToken).ConfigureAwait(false);
            await stdout.WriteLineAsync(TestStateJson.FormatResponse(response)).ConfigureAwait(false);
            return ExitCodes.Success;
        }
        catch (ExecutionApiException e)
        {
            await stderr.WriteLineAsync($"{e.ErrorCode}: {e.Message}").ConfigureAwait(false);
            return ExitCodes.ExecutionFailed;
        }
    }
}
