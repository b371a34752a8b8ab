using System.Globalization;
using StepFlow.Cli;
using StepFlow.Cli.Commands;
using StepFlow.Conformance.Api;
using StepFlow.Conformance.Asl;

namespace StepFlow.DevTool.Commands;

/// <content><c>stepflow-dev conformance api</c>: the recorded Step Functions API cases over HTTP.</content>
public sealed partial class ConformanceCommand
{
    private static async Task<int> RunApiAsync(IReadOnlyList<string> args, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        var line = CommandLine.Parse(args, ["--verbose"], ["--endpoint", "--known-failures"]);
        line.ExpectPositionals(1, "the API conformance folder");
        var folder = line.Positionals[0];
        if (!Directory.Exists(folder))
        {
            await stderr.WriteLineAsync($"Conformance folder not found: {folder}").ConfigureAwait(false);
            return ExitCodes.NoInput;
        }

        var known = line.Get("--known-failures") is { } knownPath
            ? FailureList.Load(File.Exists(knownPath) ? knownPath : throw new FileNotFoundException($"File not found: {knownPath}", knownPath))
            : FailureList.None;
        var verbose = line.Has("--verbose");
        Uri? endpointUrl = null;
        if (line.Get("--endpoint") is { } url && !Uri.TryCreate(url, UriKind.Absolute, out endpointUrl))
        {
            throw new UsageException($"--endpoint takes an absolute URL, not '{url}'.");
        }

        await using var inProcess = endpointUrl is null ? await InProcessEndpoint.StartAsync(cancellationToken).ConfigureAwait(false) : null;
        using var client = new HttpClient { BaseAddress = endpointUrl ?? inProcess!.Address };
        var runner = new ApiCaseRunner(client);
        var results = new List<ApiCaseResult>();
        foreach (var file in ApiCase.FindCaseFiles(folder))
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (inProcess is not null)
            {
                await inProcess.ResetAsync().ConfigureAwait(false);
            }

            var result = await runner.RunAsync(ApiCase.Load(file), cancellationToken).ConfigureAwait(false);
            results.Add(result);
            if (!result.Passed)
            {
                var tag = known.Contains(result.Name, out var reason) ? $" [known: {reason}]" : string.Empty;
                await stdout.WriteLineAsync($"FAIL {result.Name}{tag}: {result.Message}").ConfigureAwait(false);
            }
            else if (verbose)
            {
                await stdout.WriteLineAsync($"pass {result.Name}").ConfigureAwait(false);
            }
        }

        await stdout.WriteLineAsync().ConfigureAwait(false);
        var passed = results.Count(r => r.Passed);
        await stdout.WriteLineAsync($"passed: {Percent(passed, results.Count)}").ConfigureAwait(false);
        await stdout.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"{passed} passed, {results.Count - passed} failed")).ConfigureAwait(false);
        return ExitCodes.Success;
    }
}
