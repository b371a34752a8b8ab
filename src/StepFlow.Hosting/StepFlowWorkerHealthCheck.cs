using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace StepFlow.Hosting;

/// <summary>
/// Healthy while the <see cref="StepFlowWorker"/> runs and its recovery resumed everything; degraded when some executions
/// could not be resumed (quarantined or unreadable definitions, named in the data); unhealthy before it runs, while it
/// drains or after it stopped, and when starting failed.
/// </summary>
internal sealed class StepFlowWorkerHealthCheck(StepFlowWorker worker) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var state = worker.State;
        var data = new Dictionary<string, object> { ["state"] = state.ToString() };
        if (worker.LastRecovery is { } recovery)
        {
            data["resumed"] = recovery.Resumed.Count;
            data["unrecoverable"] = recovery.Unrecoverable.Count;
        }

        var result = state switch
        {
            StepFlowWorkerState.Running when worker.LastRecovery is { Unrecoverable.Count: > 0 } partial => new HealthCheckResult(
                HealthStatus.Degraded,
                $"StepFlow worker runs; {partial.Unrecoverable.Count} stored executions could not be resumed: "
                + string.Join("; ", partial.Unrecoverable.Take(5).Select(u => $"{u.ExecutionArn}: {u.Reason}")),
                data: data),
            StepFlowWorkerState.Running => HealthCheckResult.Healthy("StepFlow worker runs.", data),
            StepFlowWorkerState.Faulted => new HealthCheckResult(
                context.Registration.FailureStatus, "StepFlow worker could not start.", worker.Fault, data),
            _ => new HealthCheckResult(context.Registration.FailureStatus, $"StepFlow worker is {state}.", data: data),
        };
        return Task.FromResult(result);
    }
}
