using StepFlow.Definition;
using StepFlow.Definition.States;
using StepFlow.Errors;
using StepFlow.History;
using StepFlow.Json;
using StepFlow.Paths;

namespace StepFlow.Execution;

/// <summary>
/// Walks a state graph: enters each state, runs it, and follows its transition. Every state's work
/// completes synchronously unless it really waits (a Wait, a retry back-off, a pending task), so a chain
/// of Pass states allocates no async machinery.
/// </summary>
internal static partial class StateExecutor
{
    /// <summary>Runs a graph from its start to its end; returns its output or throws the ASL error that ended it.</summary>
    public static async ValueTask<JsonValue> RunGraphAsync(StateGraph graph, JsonValue input, Frame frame, CancellationToken cancellationToken)
    {
        var state = graph.Start;
        while (true)
        {
            var step = RunStateAsync(state, input, frame, cancellationToken);
            var (next, output) = step.IsCompletedSuccessfully ? step.Result : await step.ConfigureAwait(false);
            if (next is null)
            {
                return output;
            }

            state = next;
            input = output;
        }
    }

    private static ValueTask<(State? Next, JsonValue Output)> RunStateAsync(State state, JsonValue input, Frame frame, CancellationToken cancellationToken)
    {
        var run = frame.Run;
        cancellationToken.ThrowIfCancellationRequested();
        var now = run.TimeProvider.GetUtcNow();
        if (run.Deadline is { } deadline && now >= deadline)
        {
            throw new ExecutionTimedOutException();
        }

        run.CountTransition();
        var enteredId = frame.History.Add(EnteredEventType(state), state.Name, input, utcTicks: now.UtcTicks);
        var visit = state.Type is StateType.Pass or StateType.Choice or StateType.Succeed or StateType.Fail
            ? frame.EnterSynchronous(state, enteredId, now)
            : new StateVisit(run, state, enteredId, now);
        try
        {
            return state switch
            {
                PassState pass => new(RunPass(pass, input, frame, visit)),
                ChoiceState choice => new(RunChoice(choice, input, frame, visit)),
                SucceedState succeed => new(RunSucceed(succeed, input, frame, visit)),
                FailState fail => throw RunFail(fail, input, frame, visit),
                WaitState wait => RunWaitAsync(wait, input, frame, visit, cancellationToken),
                TaskState task => RunTaskAsync(task, input, frame, visit, cancellationToken),
                ParallelState parallel => RunParallelAsync(parallel, input, frame, visit, cancellationToken),
                MapState map => RunMapAsync(map, input, frame, visit, cancellationToken),
                _ => throw new InvalidOperationException($"Unknown state type {state.Type}."),
            };
        }
        catch (StateFieldException e)
        {
            throw e.WithPrefix(visit.ErrorPrefix);
        }
    }

    private static string EnteredEventType(State state) => state.Type switch
    {
        StateType.Pass => HistoryEventTypes.PassStateEntered,
        StateType.Task => HistoryEventTypes.TaskStateEntered,
        StateType.Choice => HistoryEventTypes.ChoiceStateEntered,
        StateType.Wait => HistoryEventTypes.WaitStateEntered,
        StateType.Succeed => HistoryEventTypes.SucceedStateEntered,
        StateType.Fail => HistoryEventTypes.FailStateEntered,
        StateType.Parallel => HistoryEventTypes.ParallelStateEntered,
        _ => HistoryEventTypes.MapStateEntered,
    };

    private static string ExitedEventType(State state) => state.Type switch
    {
        StateType.Pass => HistoryEventTypes.PassStateExited,
        StateType.Task => HistoryEventTypes.TaskStateExited,
        StateType.Choice => HistoryEventTypes.ChoiceStateExited,
        StateType.Wait => HistoryEventTypes.WaitStateExited,
        StateType.Succeed => HistoryEventTypes.SucceedStateExited,
        StateType.Parallel => HistoryEventTypes.ParallelStateExited,
        _ => HistoryEventTypes.MapStateExited,
    };

    /// <summary>Finishes a state: size check, Assign, the Exited event.</summary>
    private static (State? Next, JsonValue Output) Exit(State state, State? next, JsonValue output, Frame frame, StateVisit visit, Definition.PayloadTemplate? assign, JsonValue assignInput, bool completedAtEntry = false)
    {
        CheckSize(frame.Run, state, output);
        JsonObject? extra = null;
        if (assign is not null)
        {
            extra = ApplyAssign(assign, assignInput, frame, visit);
        }

        // A state that finished without waiting shares its entry timestamp (clock reads cost ~100 ns on some hosts).
        frame.History.Add(ExitedEventType(state), state.Name, output, extra, utcTicks: completedAtEntry ? visit.EnteredTime.UtcTicks : 0);
        return (next, output);
    }

    private static JsonObject? ApplyAssign(Definition.PayloadTemplate assign, JsonValue input, Frame frame, StateVisit visit)
    {
        var values = Guard(() => assign.Evaluate(new PathScope(input, visit, frame.Variables)));
        return values is JsonObject assignments ? AssignVariables(assignments, frame) : null;
    }

    private static void CheckSize(RunContext run, State state, JsonValue value)
    {
        var limit = run.MaxPayloadBytes;
        if (limit > 0 && value.Utf8Length > limit)
        {
            throw new StatesErrorException(
                StatesErrorNames.DataLimitExceeded,
                $"The state/task '{state.Name}' returned a result with a size exceeding the maximum number of bytes service limit.");
        }
    }

    private static JsonValue ApplyInputPath(IoPath path, JsonValue input, StateVisit visit, Frame frame, string field = "InputPath")
    {
        if (path.IsDiscard)
        {
            return JsonObject.Empty;
        }

        if (path.Path is null)
        {
            return input;
        }

        var scope = new PathScope(input, visit, frame.Variables);
        if (path.Path.TryEvaluate(scope, out var value))
        {
            return value;
        }

        throw new StateFieldException(
            StatesErrorNames.Runtime,
            path.Path.DescribeInvalidPath(scope) ?? $"Invalid path '{path.Path.Text}' : No results for path: {path.Path.Text}",
            field);
    }

    private static JsonValue ApplyResultPath(ResultPathSpec resultPath, JsonValue input, JsonValue result)
    {
        if (resultPath.IsDiscard)
        {
            return input;
        }

        if (resultPath.Path is null)
        {
            return result;
        }

        try
        {
            return resultPath.Path.Set(input, result);
        }
        catch (StatesErrorException e) when (e is not StateFieldException)
        {
            throw new StateFieldException(e.Error, e.Cause ?? string.Empty, "ResultPath");
        }
    }

    private static JsonValue Guard(Func<JsonValue> evaluate)
    {
        try
        {
            return evaluate();
        }
        catch (StatesErrorException e) when (e is not StateFieldException && e is not FailStateException)
        {
            throw new StateFieldException(e.Error, e.Cause ?? string.Empty, null);
        }
    }

    private static JsonValue Evaluate(Definition.PayloadTemplate template, JsonValue input, StateVisit visit, Frame frame)
    {
        try
        {
            return template.Evaluate(new PathScope(input, visit, frame.Variables));
        }
        catch (StatesErrorException e) when (e is not StateFieldException)
        {
            throw new StateFieldException(e.Error, e.Cause ?? string.Empty, null);
        }
    }
}
