using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Reflection;
using Microsoft.Extensions.Logging;

namespace StepFlow.Diagnostics;

/// <summary>
/// The engine's traces, metrics and logs. The <see cref="ActivitySource"/>, the <see cref="Meter"/> and the instruments
/// are created once per process (their names are <see cref="StepFlowTelemetry"/>'s); each engine holds one instance for
/// its logger and payload option. Every place that records checks first (<see cref="ActivitySource.HasListeners"/>, an
/// instrument's <see cref="Instrument.Enabled"/>, <see cref="Logger"/> being set), so an engine nobody listens to pays one
/// check per place.
/// </summary>
internal sealed class EngineTelemetry
{
    private static readonly string? Version =
        typeof(EngineTelemetry).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;

    /// <summary>The source of execution, state and task-attempt spans.</summary>
    public static readonly ActivitySource Source = new(StepFlowTelemetry.ActivitySourceName, Version);

    /// <summary>The meter of every StepFlow instrument.</summary>
    public static readonly Meter Meter = new(StepFlowTelemetry.MeterName, Version);

    public static readonly Counter<long> ExecutionsStarted = Meter.CreateCounter<long>("ExecutionsStarted", "{execution}", "Executions started.");

    public static readonly Counter<long> ExecutionsSucceeded = Meter.CreateCounter<long>("ExecutionsSucceeded", "{execution}", "Executions that succeeded.");

    public static readonly Counter<long> ExecutionsFailed = Meter.CreateCounter<long>("ExecutionsFailed", "{execution}", "Executions that failed.");

    public static readonly Counter<long> ExecutionsAborted = Meter.CreateCounter<long>("ExecutionsAborted", "{execution}", "Executions aborted (stopped).");

    public static readonly Counter<long> ExecutionsTimedOut = Meter.CreateCounter<long>("ExecutionsTimedOut", "{execution}", "Executions that timed out.");

    public static readonly Counter<long> ExecutionsRedriven = Meter.CreateCounter<long>("ExecutionsRedriven", "{execution}", "Executions redriven.");

    public static readonly Histogram<double> ExecutionTime = Meter.CreateHistogram<double>("ExecutionTime", "ms", "Time from an execution's start to its close.");

    /// <summary>StepFlow's own: states entered (AWS bills Standard workflows by these).</summary>
    public static readonly Counter<long> StateTransitions = Meter.CreateCounter<long>("stepflow.state.transitions", "{transition}", "States entered.");

    /// <summary>StepFlow's own: how long a checkpoint took to become durable in the execution store.</summary>
    public static readonly Histogram<double> StoreCommitDuration = Meter.CreateHistogram<double>(
        "stepflow.store.commit.duration", "ms", "Time from a checkpoint's request until the store committed it.");

    public static readonly TaskMetrics Activities = new(Meter, "Activity", "Activities", StepFlowTags.ActivityArnDimension, heartbeat: true);

    public static readonly TaskMetrics LambdaFunctions = new(Meter, "LambdaFunction", "LambdaFunctions", StepFlowTags.LambdaFunctionArnDimension);

    public static readonly TaskMetrics ServiceIntegrations = new(Meter, "ServiceIntegration", "ServiceIntegrations", StepFlowTags.ServiceIntegrationResourceArnDimension);

    public EngineTelemetry(ILoggerFactory? loggerFactory, bool includePayloads)
    {
        Logger = loggerFactory?.CreateLogger("StepFlow");
        IncludePayloads = includePayloads;
    }

    /// <summary>The engine's logger (category "StepFlow"); null when the engine was built without a logger factory.</summary>
    public ILogger? Logger { get; }

    /// <summary>Whether causes may go into span tags and inputs, outputs and causes into logs.</summary>
    public bool IncludePayloads { get; }

    /// <summary>The logger when it is on for <paramref name="level"/>, else null.</summary>
    public ILogger? LoggerFor(LogLevel level) => Logger is { } logger && logger.IsEnabled(level) ? logger : null;

    /// <summary>Marks <paramref name="activity"/> failed with an ASL error; the cause only when payloads are allowed.</summary>
    public void Fail(Activity activity, string? error, string? cause)
    {
        activity.SetStatus(ActivityStatusCode.Error, error);
        activity.SetTag(StepFlowTags.Error, error);
        if (IncludePayloads && cause is not null)
        {
            activity.SetTag(StepFlowTags.Cause, cause);
        }
    }
}
