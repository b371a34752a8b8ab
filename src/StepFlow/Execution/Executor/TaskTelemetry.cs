using System.Diagnostics;
using Microsoft.Extensions.Logging;
using StepFlow.Definition.States;
using StepFlow.Diagnostics;
using StepFlow.Errors;
using StepFlow.Tasks;

namespace StepFlow.Execution.Executor;

/// <summary>The span, metrics family and failure log records of one task attempt.</summary>
internal static class TaskTelemetry
{
    /// <summary>Whether an attempt of <paramref name="state"/> records anything: a logger, a span listener or a metrics listener.</summary>
    public static bool IsOn(TaskState state, RunContext run) =>
        run.Engine.Telemetry.Logger is not null || EngineTelemetry.Source.HasListeners() || Family(state).Enabled;

    /// <summary>AWS's metric family of the task: activities, Lambda functions by ARN, or service integrations.</summary>
    public static TaskMetrics Family(TaskState state) =>
        state.Pattern == IntegrationPattern.Activity ? EngineTelemetry.Activities
        : state.IsLegacyLambda ? EngineTelemetry.LambdaFunctions
        : EngineTelemetry.ServiceIntegrations;

    /// <summary>Starts the attempt's span, a child of the Task state's span.</summary>
    public static Activity? StartAttempt(TaskState state, RunContext run, StateVisit visit)
    {
        if (!EngineTelemetry.Source.HasListeners())
        {
            return null;
        }

        var activity = EngineTelemetry.Source.StartActivity("Task " + state.Name, ActivityKind.Internal);
        if (activity is { IsAllDataRequested: true })
        {
            activity.SetTag(StepFlowTags.StateName, state.Name);
            activity.SetTag(StepFlowTags.TaskResource, state.Resource);
            activity.SetTag(StepFlowTags.TaskRetryCount, visit.RetryCount);
            activity.SetTag(StepFlowTags.ExecutionArn, run.ExecutionArn);
        }

        return activity;
    }

    /// <summary>Marks the attempt's span failed and logs the failure (the cause only when payloads are allowed).</summary>
    public static void Failed(TaskState state, RunContext run, Activity? activity, StatesErrorException error)
    {
        var telemetry = run.Engine.Telemetry;
        if (activity is not null)
        {
            telemetry.Fail(activity, error.Error, error.Cause);
        }

        if (telemetry.LoggerFor(LogLevel.Warning) is { } logger)
        {
            if (telemetry.IncludePayloads && error.Cause is not null)
            {
                EngineLog.TaskFailedCause(logger, run.ExecutionArn, state.Name, state.Resource, error.Error, error.Cause);
            }
            else
            {
                EngineLog.TaskFailed(logger, run.ExecutionArn, state.Name, state.Resource, error.Error);
            }
        }
    }
}
