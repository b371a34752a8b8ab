using System.Diagnostics;
using StepFlow.Execution;
using StepFlow.Json;
using StepFlow.Parsing;
using StepFlow.Persistence;
using StepFlow.Testing;
using StepFlow.Testing.Mocks;
using StepFlow.Testing.Time;

namespace StepFlow.Cli.Commands;

/// <summary>
/// <c>stepflow test</c>: runs a definition under the test cases of a Step Functions Local mock config file, on a fake
/// clock. One test case prints like <c>run</c>; all of them print a summary. <c>--junit</c> writes JUnit XML.
/// </summary>
public sealed class TestCommand : ICommand
{
    /// <inheritdoc />
    public string Name => "test";

    /// <inheritdoc />
    public string Usage =>
        "  stepflow test <definition.json> [--mock-config <file>] [--state-machine <name>] [--test-case <name>]\n"
        + "                [--input <file or inline JSON>] [--history] [--junit <file>] [--echo-tasks]\n"
        + "      Runs the state machine under a test case of a Step Functions Local mock config file: the states the\n"
        + "      test case names answer their mocked responses attempt by attempt, the others call their real handlers;\n"
        + "      Waits and retry back-offs take no time (a self-advancing clock). With --test-case it prints the output\n"
        + "      JSON, or 'Error: ...' and 'Cause: ...' to stderr and exits 1, like run; without it every test case of\n"
        + "      the state machine runs and a summary is printed (exit 1 when any execution failed).\n"
        + "      --mock-config    The mock config file; default: $SFN_MOCK_CONFIG, else ./MockConfigFile.json.\n"
        + "      --state-machine  The state machine in the file; default: the only one there is.\n"
        + "      --history        Prints the history events to stderr.\n"
        + "      --junit          Writes the results as JUnit XML to <file>.\n"
        + "      --echo-tasks     Tasks the test case does not mock return their input (the stand-in for real services).";

    /// <inheritdoc />
    public async Task<int> RunAsync(IReadOnlyList<string> args, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);
        var line = CommandLine.Parse(args, ["--history", "--echo-tasks"], ["--mock-config", "--state-machine", "--test-case", "--input", "--junit"]);
        line.ExpectPositionals(1, "the definition file");
        var definition = await CommandIO.ParseDefinitionAsync(line.Positionals[0], stderr).ConfigureAwait(false);
        if (definition is null)
        {
            return ExitCodes.Invalid;
        }

        var config = LoadConfig(line.Get("--mock-config"));
        if (config is null)
        {
            await stderr.WriteLineAsync("No mock config file: pass --mock-config <file>, set SFN_MOCK_CONFIG, or put MockConfigFile.json in the current directory.").ConfigureAwait(false);
            return ExitCodes.NoInput;
        }

        var machine = SelectStateMachine(config, line.Get("--state-machine"));
        var input = line.Get("--input") is { } inputArgument ? CommandIO.ReadJsonArgument(inputArgument) : JsonObject.Empty;
        IReadOnlyList<MockTestCase> testCases = line.Get("--test-case") is { } testCaseName
            ? [machine.TryGetTestCase(testCaseName, out var chosen)
                ? chosen
                : throw new UsageException($"The state machine '{machine.Name}' has no test case '{testCaseName}'; it has {List(machine.TestCases.Select(t => t.Name))}.")]
            : machine.TestCases;

        var outcomes = new List<TestCaseOutcome>(testCases.Count);
        foreach (var testCase in testCases)
        {
            var watch = Stopwatch.StartNew();
            var result = new TestRunResult(await RunTestCaseAsync(definition, testCase, input, line.Has("--echo-tasks"), cancellationToken).ConfigureAwait(false));
            outcomes.Add(new TestCaseOutcome(testCase.Name, result, watch.Elapsed));
            if (line.Has("--history"))
            {
                await stderr.WriteLineAsync(testCases.Count == 1 ? "History:" : $"History of {testCase.Name}:").ConfigureAwait(false);
                foreach (var historyEvent in result.History)
                {
                    await stderr.WriteLineAsync(historyEvent.ToString()).ConfigureAwait(false);
                }
            }
        }

        if (line.Get("--junit") is { } junitPath)
        {
            JUnitReport.Write(junitPath, machine.Name, outcomes);
        }

        return line.Get("--test-case") is not null
            ? await PrintOneAsync(outcomes[0].Result, stdout, stderr).ConfigureAwait(false)
            : await PrintSummaryAsync(machine.Name, outcomes, stdout).ConfigureAwait(false);
    }

    private static MockConfig? LoadConfig(string? path)
    {
        try
        {
            if (path is not null)
            {
                return MockConfig.Load(path);
            }

            return MockConfig.FromEnvironment()
                ?? (File.Exists(MockConfig.DefaultFileName) ? MockConfig.Load(MockConfig.DefaultFileName) : null);
        }
        catch (MockConfigException ex)
        {
            throw new InvalidInputException(string.Join(Environment.NewLine, ex.Errors.Select(e => e.ToString())));
        }
    }

    private static MockStateMachine SelectStateMachine(MockConfig config, string? name)
    {
        if (name is not null)
        {
            return config.TryGetStateMachine(name, out var named)
                ? named
                : throw new UsageException($"The mock config file has no state machine '{name}'; it has {List(config.StateMachines.Select(m => m.Name))}.");
        }

        return config.StateMachines.Length == 1
            ? config.StateMachines[0]
            : throw new UsageException($"Name the state machine with --state-machine: the mock config file has {List(config.StateMachines.Select(m => m.Name))}.");
    }

    private static async Task<ExecutionResult> RunTestCaseAsync(StateMachine definition, MockTestCase testCase, JsonValue input, bool echoTasks, CancellationToken cancellationToken)
    {
        var builder = StepFlowEngine.CreateBuilder()
            .UseTimeProvider(new AutoAdvancingTimeProvider())
            .UseTaskMocker(new MockTestCaseMocker(testCase));
        StepFlowEngine? engine = null;
        if (echoTasks)
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
        var options = new ExecutionOptions { StateMachineName = testCase.StateMachineName, ExecutionName = testCase.Name };
        return await engine.ExecuteAsync(definition, input, options, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<int> PrintOneAsync(TestRunResult result, TextWriter stdout, TextWriter stderr)
    {
        if (result.Succeeded)
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

    private static async Task<int> PrintSummaryAsync(string stateMachine, IReadOnlyList<TestCaseOutcome> outcomes, TextWriter stdout)
    {
        foreach (var outcome in outcomes)
        {
            var result = outcome.Result;
            var ending = result.Succeeded ? "SUCCEEDED" : $"{result.Status.ToString().ToUpperInvariant()} {result.Error}";
            await stdout.WriteLineAsync($"{outcome.Name}: {ending} via {string.Join(" -> ", result.VisitedStates)}").ConfigureAwait(false);
        }

        var succeeded = outcomes.Count(o => o.Result.Succeeded);
        await stdout.WriteLineAsync($"{stateMachine}: {outcomes.Count} test cases, {succeeded} succeeded, {outcomes.Count - succeeded} failed").ConfigureAwait(false);
        return succeeded == outcomes.Count ? ExitCodes.Success : ExitCodes.ExecutionFailed;
    }

    private static string List(IEnumerable<string> names)
    {
        var quoted = names.Select(n => $"'{n}'").ToList();
        return quoted.Count == 0 ? "none" : string.Join(", ", quoted);
    }
}
