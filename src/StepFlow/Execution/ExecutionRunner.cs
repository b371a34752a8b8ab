using StepFlow.Definition;
using StepFlow.Errors;
using StepFlow.Execution.Executor;
using StepFlow.History;
using StepFlow.Json;
using StepFlow.Parsing;
using StepFlow.Persistence;
using StepFlow.Variables;

namespace StepFlow.Execution;

/// <summary>Runs one execution from ExecutionStarted to its closing event; ASL errors become the result, never exceptions.</summary>
internal static class ExecutionRunner
{
    public static Task<ExecutionResult> RunAsync(EngineRuntime engine, StateMachine machine, JsonValue input, ExecutionOptions options, CancellationToken cancellationToken) =>
        RunAsync(new RunContext(engine, machine, input, options), cancellationToken);

    /// <summary>
    /// Runs the execution <paramref name="run"/> describes. When the run is suspended (engine shutdown) it ends with
    /// status <see cref="ExecutionStatus.Running"/> and no closing event.
    /// </summary>
    public static async Task<ExecutionResult> RunAsync(RunContext run, CancellationToken cancellationToken)
    {
        var (machine, input, options) = (run.Machine, run.Input, run.Options);
        var history = run.History;
        var roleArn = options.RoleArn is null ? null : JsonObject.Create(("roleArn", JsonValue.From(options.RoleArn)));
        if (!run.Resumed)
        {
            history.Add(
                HistoryEventTypes.ExecutionStarted,
                data: input,
                extra: roleArn,
                journal: run.TokenSecret is { } secret ? VisitJournal.Started(secret) : null);
        }

        var span = ExecutionTelemetry.Start(run);
        ExecutionStatus status;
        JsonValue? output = null;
        string? error = null;
        string? cause = null;
        try
        {
            var frame = new Frame(run, VariableScope.Empty);
            var pending = StateExecutor.RunGraphAsync(machine.Graph, input, frame, cancellationToken);
            output = pending.IsCompletedSuccessfully ? pending.Result : await pending.ConfigureAwait(false);
            status = ExecutionStatus.Succeeded;
            history.Add(HistoryEventTypes.ExecutionSucceeded, data: output);
        }
        catch (Exception) when (run.Log?.Fault is not null)
        {
            // The store failed: stop at the last good checkpoint; the execution resumes from it on recovery.
            status = ExecutionStatus.Running;
        }
        catch (FailStateException e)
        {
            status = ExecutionStatus.Failed;
            (error, cause) = (e.ErrorName, e.Cause);
            history.Add(HistoryEventTypes.ExecutionFailed, extra: Details(error, cause));
        }
        catch (StatesErrorException e)
        {
            status = ExecutionStatus.Failed;
            (error, cause) = (e.Error, e.Cause);
            history.Add(HistoryEventTypes.ExecutionFailed, extra: Details(error, cause));
        }
        catch (ExecutionTimedOutException)
        {
            status = ExecutionStatus.TimedOut;
            error = StatesErrorNames.Timeout;
            history.Add(HistoryEventTypes.ExecutionTimedOut, extra: Details(error, null));
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested && run.Suspending)
        {
            status = ExecutionStatus.Running;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            status = ExecutionStatus.Aborted;
            (error, cause) = run.StopRequest ?? (null, null);
            history.Add(HistoryEventTypes.ExecutionAborted, extra: error is null && cause is null ? null : Details(error, cause));
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // A defect in StepFlow must not escape as an exception or lose the execution: report it as data.
            status = ExecutionStatus.Failed;
            error = StatesErrorNames.Runtime;
            cause = $"StepFlow internal error: {e.GetType().Name}: {e.Message}";
            history.Add(HistoryEventTypes.ExecutionFailed, extra: Details(error, cause));
        }

        var stopDate = run.TimeProvider.GetUtcNow();
        ExecutionTelemetry.Close(run, span, status, output, error, cause, stopDate);
        return new ExecutionResult(
            () => run.ExecutionArn, status, output, error, cause, history.Events, run.Transitions, run.StartTime, stopDate);
    }

    private static JsonObject Details(string? error, string? cause)
    {
        var builder = new JsonObjectBuilder(2);
        if (error is not null)
        {
            builder.Set("error", JsonValue.From(error));
        }

        if (cause is not null)
        {
            builder.Set("cause", JsonValue.From(cause));
        }

        return builder.Build();
    }
}
