using System.Globalization;
using StepFlow.Cli;
using StepFlow.Cli.Commands;
using StepFlow.Conformance.Suites;
using StepFlow.Jsonata;

namespace StepFlow.DevTool.Commands;

/// <summary>
/// Connects <c>stepflow-dev conformance jsonata</c> to <see cref="JsonataSuite"/>: runs every case of the JSONata
/// suite at one language level, prints the failing ones, then <c>N passed, M failed</c>. At level 2.0.6 a case
/// listed in <c>known-2.0.6-differences.json</c> that does not give the 2.2 result is a known 2.0.6 difference:
/// jsonata 2.0.6 does not give it either, so it counts as passed (and is counted on a line of its own). A listed
/// case that gives the 2.2 result counts as passed too.
/// </summary>
internal static class JsonataSuiteBridge
{
    public static async Task<int> RunAsync(
        string suiteFolder,
        JsonataLevel level,
        IReadOnlyDictionary<string, string> knownFailures,
        bool verbose,
        TextWriter stdout,
        CancellationToken cancellationToken)
    {
        var known206 = level == JsonataLevel.V2_0_6 ? JsonataSuite.LoadKnown206Differences(suiteFolder) : null;
        var results = new List<JsonataSuiteResult>();
        foreach (var testCase in JsonataSuite.Load(suiteFolder))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var result = JsonataSuite.Run(testCase, level, known206);
            results.Add(result);
            switch (result.Outcome)
            {
                case JsonataSuiteOutcome.Failed:
                    var tag = knownFailures.TryGetValue(result.Id, out var reason) ? $" [known: {reason}]" : string.Empty;
                    await stdout.WriteLineAsync($"FAIL {result.Id}{tag}: {result.Difference}").ConfigureAwait(false);
                    break;
                case JsonataSuiteOutcome.Known206Difference when verbose:
                    await stdout.WriteLineAsync($"2.0.6 {result.Id}: {result.Difference}").ConfigureAwait(false);
                    break;
                case JsonataSuiteOutcome.Passed when verbose:
                    await stdout.WriteLineAsync($"pass {result.Id}").ConfigureAwait(false);
                    break;
            }
        }

        var passed = results.Count(r => r.Outcome == JsonataSuiteOutcome.Passed);
        var differences = results.Count(r => r.Outcome == JsonataSuiteOutcome.Known206Difference);
        var failed = results.Count - passed - differences;
        await stdout.WriteLineAsync().ConfigureAwait(false);
        if (known206 is not null)
        {
            var listedPassing = results.Count(r => r.Passed && known206.Contains(r.Id));
            await stdout.WriteLineAsync(string.Create(
                CultureInfo.InvariantCulture,
                $"level 2.0.6: {known206.Count} case(s) listed in known-2.0.6-differences.json; {differences} miss the 2.2 result as jsonata 2.0.6 does (counted as passed{(verbose ? string.Empty : ", --verbose lists them")}), {listedPassing} give the 2.2 result")).ConfigureAwait(false);
        }

        if (knownFailures.Count > 0)
        {
            var nowPassing = results.Where(r => r.Outcome != JsonataSuiteOutcome.Failed && knownFailures.ContainsKey(r.Id)).Select(r => r.Id).ToList();
            var unlisted = results.Count(r => r.Outcome == JsonataSuiteOutcome.Failed && !knownFailures.ContainsKey(r.Id));
            await stdout.WriteLineAsync(string.Create(
                CultureInfo.InvariantCulture,
                $"known failures: {knownFailures.Count} listed, {nowPassing.Count} now pass{(nowPassing.Count > 0 ? " (remove: " + string.Join(", ", nowPassing) + ")" : string.Empty)}; {unlisted} failing case(s) not listed")).ConfigureAwait(false);
        }

        await stdout.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"{passed + differences} passed, {failed} failed")).ConfigureAwait(false);
        return ExitCodes.Success;
    }

    /// <summary>
    /// Reads a known-failures list: one <c>&lt;case id&gt;  # reason</c> per line, <c>#</c> comment lines.
    /// The reason starts at the first <c>#</c> after white space, because case ids may contain <c>#</c> themselves.
    /// </summary>
    public static IReadOnlyDictionary<string, string> LoadKnownFailures(string path)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var raw in File.ReadAllLines(path))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            var hash = -1;
            for (var i = 1; i < line.Length; i++)
            {
                if (line[i] == '#' && char.IsWhiteSpace(line[i - 1]))
                {
                    hash = i;
                    break;
                }
            }

            var id = (hash < 0 ? line : line[..hash]).Trim();
            result[id] = hash < 0 ? string.Empty : line[(hash + 1)..].Trim();
        }

        return result;
    }
}
