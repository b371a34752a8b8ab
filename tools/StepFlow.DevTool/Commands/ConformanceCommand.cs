using System.Globalization;
using StepFlow.Cli;
using StepFlow.Cli.Commands;
using StepFlow.Conformance.Asl;
using StepFlow.Conformance.TestState;
using StepFlow.Jsonata;
using StepFlow.Paths;

namespace StepFlow.DevTool.Commands;

/// <summary>
/// <c>stepflow-dev conformance asl|teststate|jsonpath|jsonata</c>: runs an outside suite and prints the failing cases and
/// the counts. The counts are the result: the verb exits 0 unless the suite is missing.
/// </summary>
public sealed class ConformanceCommand : ICommand
{
    /// <inheritdoc />
    public string Name => "conformance";

    /// <inheritdoc />
    public string Usage =>
        "  stepflow-dev conformance asl <folder> [--known-failures <file>] [--verbose]\n"
        + "      Runs every recorded case (*.json) under the folder against StepFlow; prints one line per failing\n"
        + "      case, the counts for the JSONPath-only subset and for all cases, and 'N passed, M failed' last.\n"
        + "      --known-failures  Marks listed cases as known and reports listed cases that now pass.\n"
        + "      --verbose         Also prints passing cases and cause/history differences.\n"
        + "  stepflow-dev conformance teststate <folder> [--known-failures <file>] [--verbose]\n"
        + "      Sends every recorded TestState call (*.json) under the folder to StepFlow's TestState; prints one line\n"
        + "      per failing case and 'N passed, M failed' last.\n"
        + "      --known-failures  Marks listed cases as known and reports listed cases that now pass.\n"
        + "      --verbose         Also prints passing cases.\n"
        + "  stepflow-dev conformance jsonpath <cts.json> [--dialect rfc9535|asl] [--verbose]\n"
        + "      Runs the JSONPath Compliance Test Suite (default dialect rfc9535); prints failing cases and\n"
        + "      'N passed, M failed'. In the asl dialect, deliberate ASL deviations count as passed.\n"
        + "  stepflow-dev conformance jsonata <folder> [--level 2.2|2.0.6] [--known-failures <file>] [--verbose]\n"
        + "      Runs the JSONata test suite (groups/, datasets/) at a language level (default 2.2); prints one line\n"
        + "      per failing case and 'N passed, M failed' last. At 2.0.6, cases listed in the suite's\n"
        + "      known-2.0.6-differences.json that miss the 2.2 result, as jsonata 2.0.6 does, count as passed.\n"
        + "      --known-failures  Marks listed cases ('<case id>  # reason') as known and reports listed cases that now pass.\n"
        + "      --verbose         Also prints passing cases and the known 2.0.6 differences.";

    /// <inheritdoc />
    public Task<int> RunAsync(IReadOnlyList<string> args, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(args);
        if (args.Count == 0)
        {
            throw new UsageException("Missing the suite: asl, teststate, jsonpath or jsonata.");
        }

        var rest = args.Skip(1).ToList();
        return args[0] switch
        {
            "asl" => RunAslAsync(rest, stdout, stderr, cancellationToken),
            "teststate" => RunTestStateAsync(rest, stdout, stderr, cancellationToken),
            "jsonpath" => RunJsonPathAsync(rest, stdout, stderr, cancellationToken),
            "jsonata" => RunJsonataAsync(rest, stdout, stderr, cancellationToken),
            _ => throw new UsageException($"Unknown suite '{args[0]}': use asl, teststate, jsonpath or jsonata."),
        };
    }

    private static async Task<int> RunAslAsync(IReadOnlyList<string> args, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        var line = CommandLine.Parse(args, ["--verbose"], ["--known-failures"]);
        line.ExpectPositionals(1, "the conformance folder");
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

        var runner = new ConformanceRunner();
        var results = new List<ConformanceResult>();
        foreach (var file in ConformanceCase.FindCaseFiles(folder))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var result = await runner.RunFileAsync(file, cancellationToken).ConfigureAwait(false);
            results.Add(result);
            var isKnown = known.Contains(result.Name, out var reason);
            if (!result.Passed)
            {
                var tag = isKnown ? $" [known: {reason}]" : string.Empty;
                await stdout.WriteLineAsync($"FAIL {result.Name}{tag}: {result.Message}").ConfigureAwait(false);
            }
            else if (verbose)
            {
                var extra = result.Message is null ? string.Empty : $" ({result.Message})";
                await stdout.WriteLineAsync($"pass {result.Name}{extra}").ConfigureAwait(false);
            }
        }

        await stdout.WriteLineAsync().ConfigureAwait(false);
        await stdout.WriteLineAsync(Summary("JSONPath-only (no jsonata, no variables)", results.Where(r => r.IsJsonPathOnly).ToList())).ConfigureAwait(false);
        await stdout.WriteLineAsync(Summary("all cases", results)).ConfigureAwait(false);
        if (known.Count > 0)
        {
            var nowPassing = results.Where(r => r.Passed && known.Contains(r.Name, out _)).Select(r => r.Name).ToList();
            var unexpected = results.Count(r => !r.Passed && !known.Contains(r.Name, out _));
            await stdout.WriteLineAsync(
                $"known failures: {known.Count} listed, {nowPassing.Count} now pass{(nowPassing.Count > 0 ? " (remove: " + string.Join(", ", nowPassing) + ")" : string.Empty)}; {unexpected} failing case(s) not listed")
                .ConfigureAwait(false);
        }

        var passed = results.Count(r => r.Passed);
        await stdout.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"{passed} passed, {results.Count - passed} failed")).ConfigureAwait(false);
        return ExitCodes.Success;
    }

    private static async Task<int> RunTestStateAsync(IReadOnlyList<string> args, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        var line = CommandLine.Parse(args, ["--verbose"], ["--known-failures"]);
        line.ExpectPositionals(1, "the TestState conformance folder");
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
        var runner = new TestStateRunner();
        var results = new List<TestStateResult>();
        foreach (var file in TestStateCase.FindCaseFiles(folder))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var result = await runner.RunFileAsync(file, cancellationToken).ConfigureAwait(false);
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
        if (known.Count > 0)
        {
            var nowPassing = results.Where(r => r.Passed && known.Contains(r.Name, out _)).Select(r => r.Name).ToList();
            var unexpected = results.Count(r => !r.Passed && !known.Contains(r.Name, out _));
            await stdout.WriteLineAsync(
                $"known failures: {known.Count} listed, {nowPassing.Count} now pass{(nowPassing.Count > 0 ? " (remove: " + string.Join(", ", nowPassing) + ")" : string.Empty)}; {unexpected} failing case(s) not listed")
                .ConfigureAwait(false);
        }

        var passed = results.Count(r => r.Passed);
        await stdout.WriteLineAsync($"passed: {Percent(passed, results.Count)}").ConfigureAwait(false);
        await stdout.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"{passed} passed, {results.Count - passed} failed")).ConfigureAwait(false);
        return ExitCodes.Success;
    }

    /// <summary>One summary line: passes, and of those how many also match cause and history exactly.</summary>
    internal static string Summary(string label, IReadOnlyList<ConformanceResult> results)
    {
        var passed = results.Where(r => r.Passed).ToList();
        var withCause = passed.Where(r => r.CauseMatched is not null).ToList();
        var withHistory = passed.Where(r => r.HistoryMatched is not null).ToList();
        return string.Create(
            CultureInfo.InvariantCulture,
            $"{label}: {passed.Count}/{results.Count} pass status+output/error ({Percent(passed.Count, results.Count)}); "
            + $"of those, cause exact {withCause.Count(r => r.CauseMatched == true)}/{withCause.Count}, "
            + $"history event types exact {withHistory.Count(r => r.HistoryMatched == true)}/{withHistory.Count}");
    }

    private static string Percent(int part, int whole) =>
        whole == 0 ? "-" : (100.0 * part / whole).ToString("0.0", CultureInfo.InvariantCulture) + "%";

    private static async Task<int> RunJsonPathAsync(IReadOnlyList<string> args, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        var line = CommandLine.Parse(args, ["--verbose"], ["--dialect"]);
        line.ExpectPositionals(1, "the cts.json file");
        var dialect = line.Get("--dialect") switch
        {
            null or "rfc9535" => JsonPathDialect.Rfc9535,
            "asl" => JsonPathDialect.Asl,
            var other => throw new UsageException($"Unknown dialect '{other}': use rfc9535 or asl."),
        };
        var path = line.Positionals[0];
        if (!File.Exists(path))
        {
            await stderr.WriteLineAsync($"File not found: {path}").ConfigureAwait(false);
            return ExitCodes.NoInput;
        }

        return await JsonPathSuiteBridge.RunAsync(path, dialect, line.Has("--verbose"), stdout, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<int> RunJsonataAsync(IReadOnlyList<string> args, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        var line = CommandLine.Parse(args, ["--verbose"], ["--level", "--known-failures"]);
        line.ExpectPositionals(1, "the JSONata suite folder");
        var level = line.Get("--level") switch
        {
            null or "2.2" => JsonataLevel.V2_2,
            "2.0.6" => JsonataLevel.V2_0_6,
            var other => throw new UsageException($"Unknown level '{other}': use 2.2 or 2.0.6."),
        };
        var folder = line.Positionals[0];
        if (!Directory.Exists(Path.Combine(folder, "groups")) || !Directory.Exists(Path.Combine(folder, "datasets")))
        {
            await stderr.WriteLineAsync($"JSONata suite folder not found (it needs groups/ and datasets/): {folder}").ConfigureAwait(false);
            return ExitCodes.NoInput;
        }

        var known = line.Get("--known-failures") is { } knownPath
            ? JsonataSuiteBridge.LoadKnownFailures(File.Exists(knownPath) ? knownPath : throw new FileNotFoundException($"File not found: {knownPath}", knownPath))
            : new Dictionary<string, string>();
        return await JsonataSuiteBridge.RunAsync(folder, level, known, line.Has("--verbose"), stdout, cancellationToken).ConfigureAwait(false);
    }
}
