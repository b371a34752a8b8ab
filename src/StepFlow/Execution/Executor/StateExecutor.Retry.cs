using System.Collections.Immutable;
using Polly;
using StepFlow.Definition;
using StepFlow.Definition.States;
using StepFlow.Errors;
using StepFlow.Execution.Journal;
using StepFlow.Execution.Recovery;
using StepFlow.History;
using StepFlow.Json;

namespace StepFlow.Execution.Executor;

/// <content>The one attempt–retry–catch–exit loop of Task, Parallel and Map.</content>
internal static partial class StateExecutor
{
    /// <summary>
    /// Runs a Task, Parallel or Map: its <paramref name="attempt"/>, then ResultPath/Output and Assign. A state with
    /// no Retry runs the attempt directly (no Polly on that path); one with Retry runs it through the engine's Polly
    /// retry pipeline (<see cref="AslRetryPipeline"/>). The failure that is left goes to Catch.
    /// </summary>
    private static async ValueTask<(State? Next, JsonValue Output)> RunWithRecoveryAsync(
        State state,
        ImmutableArray<Retrier> retry,
        ImmutableArray<Catcher> catchers,
        ResultPathSpec resultPath,
        StateAttempt attempt,
        JsonValue input,
        Frame frame,
        StateVisit visit,
        CancellationToken cancellationToken)
    {
        JsonataScope? scope;
        JsonValue result;
        try
        {
            if (retry.IsEmpty)
            {
                scope = state.Jsonata is null ? null : NewJsonataScope(input, frame, visit);
                var pending = attempt(state, input, scope, frame, visit, cancellationToken);
                result = pending.IsCompletedSuccessfully ? pending.Result : await pending.ConfigureAwait(false);
            }
            else
            {
                var retryRun = new RetryRun(state, retry, attempt, input, frame, visit);
                var context = ResilienceContextPool.Shared.Get(cancellationToken);
                try
                {
                    context.Properties.Set(RetryRun.Key, retryRun);
                    result = await frame.Run.Engine.RetryPipeline.ExecuteAsync(
                        static (ctx, run) => run.AttemptAsync(ctx.CancellationToken), context, retryRun).ConfigureAwait(false);
                }
                finally
                {
                    ResilienceContextPool.Shared.Return(context);
                }

                scope = retryRun.Scope;
            }
        }
        catch (StatesErrorException error)
        {
            RecordStateFailed(state, catchers, error, frame, visit);
            return CatchOrThrow(state, catchers, error, input, frame, visit);
        }

        return ExitWithResult(state, resultPath, catchers, scope, input, result, frame, visit);
    }

    /// <summary>The Parallel/Map failure events AWS records once no retry is left (a Task records its own per attempt).</summary>
    private static void RecordStateFailed(State state, ImmutableArray<Catcher> catchers, StatesErrorException error, Frame frame, StateVisit visit)
    {
        switch (state)
        {
            case ParallelState:
                if (!catchers.Any(c => ErrorMatching.Matches(c.ErrorEquals, error.Error)) || !ErrorMatching.IsRecoverable(error.Error))
                {
                    VisitEvents.Add(frame, visit, HistoryEventTypes.ParallelStateFailed, extra: ErrorDetails(error));
                }

                break;
            case MapState:
                if (error is not StateFieldException field || field.EvaluationFailed)
                {
                    VisitEvents.Add(frame, visit, HistoryEventTypes.MapStateFailed, extra: ErrorDetails(error));
                }

                break;
        }
    }
}
