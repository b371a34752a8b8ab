using System.Globalization;
using StepFlow.Cli;
using StepFlow.Cli.Commands;
using StepFlow.Conformance.Suites;
using StepFlow.Paths;

namespace StepFlow.DevTool.Commands;

/// <summary>
/// Connects <c>stepflow-dev conformance jsonpath</c> to <see cref="JsonPathComplianceSuite"/>: runs every
/// case in the chosen dialect, prints the failing ones (and, in the ASL dialect, a count of deliberate
/// deviations), then <c>N passed, M failed</c>. Deliberate ASL deviations are not failures.
/// </summary>
internal static class JsonPathSuiteBridge
{
    public static async Task<int> RunAsync(string ctsPath, JsonPathDialect dialect, bool verbose, TextWriter stdout, CancellationToken cancellationToken)
    {
        var passed = 0;
        var failed = 0;
        var deviations = 0;
        foreach (var testCase in JsonPathComplianceSuite.Load(ctsPath))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var result = JsonPathComplianceSuite.Run(testCase, dialect);
            switch (result.Outcome)
            {
                case JsonPathComplianceOutcome.Passed:
                    passed++;
                    break;
                case JsonPathComplianceOutcome.AslDeviation:
                    deviations++;
                    break;
                default:
                    failed++;
                    break;
            }

            if (result.Outcome == JsonPathComplianceOutcome.Failed || (verbose && result.Outcome == JsonPathComplianceOutcome.AslDeviation))
            {
                await stdout.WriteLineAsync(result.ToString()).ConfigureAwait(false);
            }
        }

        if (deviations > 0)
        {
            await stdout.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"{deviations} case(s) differ from RFC 9535 on purpose in the ASL dialect (--verbose lists them)")).ConfigureAwait(false);
        }

        await stdout.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"{passed + deviations} passed, {failed} failed")).ConfigureAwait(false);
        return ExitCodes.Success;
    }
}
