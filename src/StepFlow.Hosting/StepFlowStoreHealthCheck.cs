using Microsoft.Extensions.Diagnostics.HealthChecks;
using StepFlow.Persistence;

namespace StepFlow.Hosting;

/// <summary>
/// Healthy when the container's <see cref="IExecutionStore"/> answers a read (a look-up of an execution that does not
/// exist); unhealthy, with the store's exception, when it does not (a locked or lost database file, a full disk at open).
/// </summary>
internal sealed class StepFlowStoreHealthCheck(IExecutionStore store) : IHealthCheck
{
    private const string ProbeArn = "arn:aws:states:us-east-1:000000000000:execution:StepFlowHealthCheck:probe";

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await store.GetAsync(ProbeArn, cancellationToken).ConfigureAwait(false);
            return HealthCheckResult.Healthy($"StepFlow store ({store.GetType().Name}) answers.");
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return new HealthCheckResult(
                context.Registration.FailureStatus, $"StepFlow store ({store.GetType().Name}) does not answer: {e.Message}", e);
        }
    }
}
