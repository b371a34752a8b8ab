using Microsoft.Extensions.Diagnostics.HealthChecks;
using StepFlow.Hosting;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>StepFlow's health checks: <c>services.AddHealthChecks().AddStepFlowHealthChecks()</c>.</summary>
public static class StepFlowHealthChecksBuilderExtensions
{
    /// <summary>
    /// Adds two checks: <c>stepflow-store</c> (the store answers a read) and <c>stepflow-worker</c> (the hosted worker runs;
    /// degraded when some stored executions could not be resumed). Both take <paramref name="tags"/>; a failing check
    /// reports <see cref="HealthStatus.Unhealthy"/>. Needs <c>AddStepFlow</c>.
    /// </summary>
    public static IHealthChecksBuilder AddStepFlowHealthChecks(this IHealthChecksBuilder builder, params string[] tags)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(tags);
        builder.AddCheck<StepFlowStoreHealthCheck>("stepflow-store", HealthStatus.Unhealthy, tags);
        builder.AddCheck<StepFlowWorkerHealthCheck>("stepflow-worker", HealthStatus.Unhealthy, tags);
        return builder;
    }
}
