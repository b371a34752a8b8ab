namespace StepFlow.Cli.Commands;

/// <summary>
/// Connects <c>stepflow conformance jsonpath</c> to <c>StepFlow.Testing.Suites.JsonPathComplianceSuite</c>.
/// HOOK: the suite is written on the <c>paths</c> branch; until it is merged into main this bridge
/// reports that it is not available (exit code 3). Replace the body once it is there.
/// </summary>
internal static class JsonPathSuiteBridge
{
    public static async Task<int> RunAsync(string ctsPath, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        await stderr.WriteLineAsync(
            $"The JSONPath compliance suite runner is not in this build yet, so {ctsPath} cannot be run.").ConfigureAwait(false);
        return ExitCodes.NotAvailable;
    }
}
