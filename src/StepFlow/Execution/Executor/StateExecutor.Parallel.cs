using StepFlow.Definition;
using StepFlow.Definition.States;
using StepFlow.Errors;
using StepFlow.Execution.Journal;
using StepFlow.History;
using StepFlow.Json;

namespace StepFlow.Execution.Executor;

/// <content>Parallel.</content>
internal static partial class StateExecutor
{
    private static ValueTask<(State? Next, JsonValue Output)> RunParallelAsync(ParallelState state, JsonValue input, Frame frame, StateVisit visit, CancellationToken cancellationToken) =>
        RunWithRecoveryAsync(state, state.Retry, state.Catch, state.ResultPath, RunParallelAttemptAsync, input, frame, visit, cancellationToken);

    /// <summary>One attempt: Parameters (or Arguments), every branch, ResultSelector.</summary>
    private static async ValueTask<JsonValue> RunParallelAttemptAsync(State parallelState, JsonValue input, JsonataScope? scope, Frame frame, StateVisit visit, CancellationToken cancellationToken)
    {
        var state = (ParallelState)parallelState;
        JsonValue payload;
        if (state.Jsonata is not { } jsonata)
        {
            var effective = ApplyInputPath(state.InputPath, input, visit, frame);
            payload = state.Parameters is not null ? Evaluate(state.Parameters, effective, visit, frame) : effective;
        }
        else
        {
            payload = jsonata.Arguments is { } arguments ? EvaluateJsonata(arguments, scope!, frame, visit) : input;
        }

        VisitEvents.Add(frame, visit, HistoryEventTypes.ParallelStateStarted);
        var result = await RunBranchesAsync(state, payload, frame, visit.RetryCount, cancellationToken).ConfigureAwait(false);
        // AWS records no ParallelStateSucceeded: a successful Parallel goes straight to ParallelStateExited.
        return state.ResultSelector is not null ? Evaluate(state.ResultSelector, result, visit, frame) : result;
    }

    private static async ValueTask<JsonValue> RunBranchesAsync(ParallelState state, JsonValue payload, Frame frame, int attempt, CancellationToken cancellationToken)
    {
        var branches = state.Branches;
        var results = new JsonValue[branches.Length];
        using var abort = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var failure = new FirstFailure();
        List<Task>? pending = null;
        for (var i = 0; i < branches.Length; i++)
        {
            if (failure.Error is not null)
            {
                break;
            }

            var run = RunGraphAsync(branches[i], payload, frame.CreateChild('b', i, attempt), abort.Token);
            if (run.IsCompletedSuccessfully)
            {
                results[i] = run.Result;
            }
            else
            {
                (pending ??= []).Add(CollectAsync(run, results, i, failure, abort));
            }
        }

        if (pending is not null)
        {
            try
            {
                await Task.WhenAll(pending).ConfigureAwait(false);
            }
            catch (Exception) when (failure.Error is not null || cancellationToken.IsCancellationRequested)
            {
                // The first failure is reported below; the others are the branches it stopped.
            }
        }

        cancellationToken.ThrowIfCancellationRequested();
        if (failure.Error is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(failure.Error);
        }

        return JsonArray.TakeOwnership(results);
    }

    private static async Task CollectAsync(ValueTask<JsonValue> run, JsonValue[] results, int index, FirstFailure failure, CancellationTokenSource abort)
    {
        try
        {
            results[index] = await run.ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException || !abort.IsCancellationRequested)
        {
            if (failure.TrySet(e))
            {
                await abort.CancelAsync().ConfigureAwait(false);
            }

            throw;
        }
    }

    /// <summary>Keeps the first error among concurrently failing branches or iterations.</summary>
    private sealed class FirstFailure
    {
        private Exception? _error;

        public Exception? Error => Volatile.Read(ref _error);

        public bool TrySet(Exception error) => Interlocked.CompareExchange(ref _error, error, null) is null;
    }
}
