using System.Diagnostics;
using Microsoft.Extensions.Logging;
using StepFlow.Diagnostics;
using StepFlow.Json;
using StepFlow.Persistence;

namespace StepFlow.Execution;

/// <summary>
/// The execution span, the execution metrics and the execution log records: opened when a run starts, closed with its
/// outcome. Each part is recorded only when someone listens to it.
/// </summary>
internal static class ExecutionTelemetry
{
    /// <summary>Starts the execution span (a child of the caller's current span) and counts and logs a fresh start.</summary>
    public static Activity? Start(RunContext run)
    {
        Activity? activity = null;
        if (EngineTelemetry.Source.HasListeners())
        {
            activity = EngineTelemetry.Source.StartActivity("Execution " + run.Options.StateMachineName, ActivityKind.Internal);
            if (activity is { IsAllDataRequested: true })
            {
                activity.SetTag(StepFlowTags.StateMachineName, run.Options.StateMachineName);
                activity.SetTag(StepFlowTags.StateMachineArn, run.StateMachineArn);
                activity.SetTag(StepFlowTags.ExecutionArn, run.ExecutionArn);
                if (run.Resumed)
                {
                    activity.SetTag(StepFlowTags.ExecutionResumed, true);
                }
            }
        }

        if (run.Resumed)
        {
            return activity;
        }

        if (EngineTelemetry.ExecutionsStarted.Enabled)
        {
            EngineTelemetry.ExecutionsStarted.Add(1, new KeyValuePair<string, object?>(StepFlowTags.StateMachineArnDimension, run.StateMachineArn));
        }

        if (run.Engine.Telemetry.LoggerFor(LogLevel.Information) is { } logger)
        {
            EngineLog.ExecutionStarted(logger, run.ExecutionArn, run.StateMachineArn);
            if (run.Engine.Telemetry.IncludePayloads)
            {
                EngineLog.ExecutionInput(logger, run.ExecutionArn, run.Input.ToJsonString());
            }
        }

        return activity;
    }

    /// <summary>Records how the run ended: the span's status and tags, the outcome counter and ExecutionTime, the log record.</summary>
    public static void Close(RunContext run, Activity? activity, ExecutionStatus status, JsonValue? output, string? error, string? cause, DateTimeOffset stopDate)
    {
        var telemetry = run.Engine.Telemetry;
        if (activity is not null)
        {
            activity.SetTag(StepFlowTags.ExecutionStatus, StatusText(status));
            if (status is ExecutionStatus.Failed or ExecutionStatus.TimedOut or ExecutionStatus.Aborted)
            {
                telemetry.Fail(activity, error ?? StatusText(status), cause);
            }

            activity.Dispose();
        }

        var milliseconds = (stopDate - run.StartTime).TotalMilliseconds;
        var counter = status switch
        {
            ExecutionStatus.Succeeded => EngineTelemetry.ExecutionsSucceeded,
            ExecutionStatus.Failed => EngineTelemetry.ExecutionsFailed,
            ExecutionStatus.TimedOut => EngineTelemetry.ExecutionsTimedOut,
            ExecutionStatus.Aborted => EngineTelemetry.ExecutionsAborted,
            _ => null,
        };
        if (counter is not null && (counter.Enabled || EngineTelemetry.ExecutionTime.Enabled))
        {
            var dimension = new KeyValuePair<string, object?>(StepFlowTags.StateMachineArnDimension, run.StateMachineArn);
            counter.Add(1, dimension);
            EngineTelemetry.ExecutionTime.Record(milliseconds, dimension);
        }

        if (telemetry.Logger is not { } logger)
        {
            return;
        }

        switch (status)
        {
            case ExecutionStatus.Succeeded when logger.IsEnabled(LogLevel.Information):
                EngineLog.ExecutionSucceeded(logger, run.ExecutionArn, milliseconds);
                if (telemetry.IncludePayloads && output is not null)
                {
                    EngineLog.ExecutionOutput(logger, run.ExecutionArn, output.ToJsonString());
                }

                break;
            case ExecutionStatus.Failed when logger.IsEnabled(LogLevel.Warning):
                EngineLog.ExecutionFailed(logger, run.ExecutionArn, error, milliseconds);
                if (telemetry.IncludePayloads && cause is not null)
                {
                    EngineLog.ExecutionCause(logger, run.ExecutionArn, error, cause);
                }

                break;
            case ExecutionStatus.TimedOut when logger.IsEnabled(LogLevel.Warning):
                EngineLog.ExecutionTimedOut(logger, run.ExecutionArn, milliseconds);
                break;
            case ExecutionStatus.Aborted when logger.IsEnabled(LogLevel.Warning):
                EngineLog.ExecutionAborted(logger, run.ExecutionArn, error, milliseconds);
                break;
            case ExecutionStatus.Running when run.Log?.Fault is { } fault && logger.IsEnabled(LogLevel.Error):
                EngineLog.StoreFault(logger, fault, run.ExecutionArn);
                break;
            case ExecutionStatus.Running when logger.IsEnabled(LogLevel.Information):
                EngineLog.ExecutionSuspended(logger, run.ExecutionArn);
                break;
        }
    }

    private static string StatusText(ExecutionStatus status) => status switch
    {
        ExecutionStatus.Succeeded => "SUCCEEDED",
        ExecutionStatus.Failed => "FAILED",
        ExecutionStatus.TimedOut => "TIMED_OUT",
        ExecutionStatus.Aborted => "ABORTED",
        _ => "RUNNING",
    };
}
