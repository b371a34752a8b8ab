using StepFlow.Service;

namespace StepFlow.CrashHost;

/// <summary>
/// The outside party that starts the executions, one every so often: each start the engine acknowledges is recorded in the
/// ledger before the next. A start an earlier lifetime recorded is never made again (so a lost acknowledged start stays
/// lost, for the test to see); one that was not acknowledged before the kill is made again — the engine then either
/// creates it or says the name is taken (it was stored after all), and either is an acknowledgement.
/// </summary>
public static class StartDriver
{
    /// <summary>Starts every execution below <paramref name="limit"/> that <paramref name="acknowledged"/> does not hold.</summary>
    public static async Task RunAsync(StepFlowEngine engine, Ledger ledger, IReadOnlySet<int> acknowledged, int limit, TimeSpan interval, CancellationToken cancellationToken)
    {
        for (var i = 0; i < limit; i++)
        {
            if (acknowledged.Contains(i))
            {
                continue;
            }

            try
            {
                await engine.StartExecutionAsync(CrashWorkflow.Arn, CrashWorkflow.Input(i), CrashWorkflow.ExecutionName(i), cancellationToken).ConfigureAwait(false);
            }
            catch (ExecutionApiException e) when (e.ErrorCode == ExecutionApiErrorCodes.ExecutionAlreadyExists)
            {
                // Stored by a lifetime that was killed before it could record the acknowledgement; it has ended since.
            }

            ledger.Write(LedgerEntryKind.Start, i);
            if (interval > TimeSpan.Zero)
            {
                await Task.Delay(interval, cancellationToken).ConfigureAwait(false);
            }
        }
    }
}
