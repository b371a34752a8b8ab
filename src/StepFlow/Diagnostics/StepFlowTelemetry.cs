namespace StepFlow.Diagnostics;

/// <summary>
/// The names under which the engine publishes traces and metrics, for OpenTelemetry's
/// <c>AddSource(StepFlowTelemetry.ActivitySourceName)</c> and <c>AddMeter(StepFlowTelemetry.MeterName)</c>.
/// Nothing is recorded, and nothing costs more than one check per place, until a listener subscribes.
/// </summary>
public static class StepFlowTelemetry
{
    /// <summary>
    /// The <see cref="System.Diagnostics.ActivitySource"/> of execution, state and task-attempt spans: <c>"StepFlow"</c>.
    /// </summary>
    public const string ActivitySourceName = "StepFlow";

    /// <summary>
    /// The <see cref="System.Diagnostics.Metrics.Meter"/> of AWS Step Functions' metrics (ExecutionsStarted, ExecutionTime,
    /// ActivityRunTime, ...) and StepFlow's own: <c>"StepFlow"</c>.
    /// </summary>
    public const string MeterName = "StepFlow";
}
