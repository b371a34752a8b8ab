using System.Diagnostics;
using Microsoft.Extensions.Logging;
using StepFlow.Definition;
using StepFlow.Diagnostics;
using StepFlow.Errors;

namespace StepFlow.Execution.Executor;

/// <summary>
/// The span and Debug log records of one state visit. <see cref="StateExecutor.RunGraphAsync"/> asks
/// <see cref="IsOn"/> once per visit; the rest runs only when a listener or logger is there.
/// </summary>
internal static class StateTelemetry
{
    /// <summary>Whether a visit records anything: a span listener or a logger is attached.</summary>
    public static bool IsOn(RunContext run) => run.Engine.Telemetry.Logger is not null || EngineTelemetry.Source.HasListeners();

    /// <summary>Starts the visit's span (a child of the current one: the execution's, or the Parallel/Map state's) and logs the entry.</summary>
    public static Activity? Enter(State state, RunContext run)
    {
        if (run.Engine.Telemetry.LoggerFor(LogLevel.Debug) is { } logger)
        {
            EngineLog.StateEntered(logger, run.ExecutionArn, state.Name, TypeName(state.Type));
        }

        var activity = EngineTelemetry.Source.StartActivity("State " + state.Name, ActivityKind.Internal);
        if (activity is { IsAllDataRequested: true })
        {
            activity.SetTag(StepFlowTags.StateName, state.Name);
            activity.SetTag(StepFlowTags.StateType, TypeName(state.Type));
            activity.SetTag(StepFlowTags.ExecutionArn, run.ExecutionArn);
        }

        return activity;
    }

    /// <summary>Ends the visit's span and logs the exit.</summary>
    public static void Exit(State state, RunContext run, Activity? activity)
    {
        activity?.Dispose();
        if (run.Engine.Telemetry.LoggerFor(LogLevel.Debug) is { } logger)
        {
            EngineLog.StateExited(logger, run.ExecutionArn, state.Name);
        }
    }

    /// <summary>
    /// An exception filter that never catches: marks the visit's span failed with the ASL error that left the state, ends
    /// it and logs it. Returns false.
    /// </summary>
    public static bool Failed(State state, RunContext run, Activity? activity, Exception exception)
    {
        var (error, cause) = exception switch
        {
            FailStateException fail => (fail.ErrorName, fail.Cause),
            StatesErrorException statesError => (statesError.Error, statesError.Cause),
            ExecutionTimedOutException => (StatesErrorNames.Timeout, null),
            _ => (exception.GetType().Name, null),
        };
        if (activity is not null)
        {
            run.Engine.Telemetry.Fail(activity, error, cause);
            activity.Dispose();
        }

        if (run.Engine.Telemetry.LoggerFor(LogLevel.Debug) is { } logger)
        {
            EngineLog.StateFailed(logger, run.ExecutionArn, state.Name, error);
        }

        return false;
    }

    /// <summary>The state type as ASL writes it.</summary>
    public static string TypeName(StateType type) => type switch
    {
        StateType.Pass => "Pass",
        StateType.Task => "Task",
        StateType.Choice => "Choice",
        StateType.Wait => "Wait",
        StateType.Succeed => "Succeed",
        StateType.Fail => "Fail",
        StateType.Parallel => "Parallel",
        _ => "Map",
    };
}
