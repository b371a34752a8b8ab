using StepFlow.Definition;
using StepFlow.Definition.States;
using StepFlow.Errors;
using StepFlow.History;
using StepFlow.Json;
using StepFlow.Paths;

namespace StepFlow.Execution.Executor;

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
            var visitNumber = frame.NextVisit();
            State? next;
            JsonValue output;
            if (frame.Run.Replay is { } replay && replay.TryGetCompleted(frame.Scope!, visitNumber, out var completed))
            {
                (next, output) = Replay(graph, state, completed, frame, visitNumber);
            }
            else if (!StateTelemetry.IsOn(frame.Run))
            {
                var step = RunStateAsync(state, input, frame, cancellationToken);
                (next, output) = step.IsCompletedSuccessfully ? step.Result : await step.ConfigureAwait(false);
                if (frame.Run.Log is { ShouldCheckpoint: true } log)
                {
                    log.CheckpointInBackground();
                }
            }
            else
            {
                // Traced or logged: the visit's span is the current one while the state runs, so the spans of a Parallel's
                // branches, a Map's iterations and a Task's attempts are its children.
                var span = StateTelemetry.Enter(state, frame.Run);
                try
                {
                    var step = RunStateAsync(state, input, frame, cancellationToken);
                    (next, output) = step.IsCompletedSuccessfully ? step.Result : await step.ConfigureAwait(false);
                }
                catch (Exception e) when (StateTelemetry.Failed(state, frame.Run, span, e))
                {
                    throw;
                }

                StateTelemetry.Exit(state, frame.Run, span);
                if (frame.Run.Log is { ShouldCheckpoint: true } log)
                {
                    log.CheckpointInBackground();
                }
            }

            if (next is null)
            {
                return output;
            }

            state = next;
            input = output;
        }
    }

    /// <summary>A state visit a resumed or redriven execution already finished: its recorded outcome, nothing run again.</summary>
    private static (State? Next, JsonValue Output) Replay(StateGraph graph, State state, Durability.CompletedVisit completed, Frame frame, int visitNumber)
    {
        if (!string.Equals(completed.StateName, state.Name, StringComparison.Ordinal))
        {
            throw new StatesErrorException(
                StatesErrorNames.Runtime,
                $"The execution's stored history does not match its definition: visit {visitNumber} of scope '{frame.Scope}' entered state " +
                $"'{completed.StateName}', but the definition leads to '{state.Name}'.");
        }

        if (completed.Assign is { } assigned)
        {
            frame.Variables = frame.Variables.Assign(assigned.Members.ToArray());
        }

        if (completed.Next is null)
        {
            return (null, completed.Output);
        }

        return graph.States.TryGetValue(completed.Next, out var next)
            ? (next, completed.Output)
            : throw new StatesErrorException(
                StatesErrorNames.Runtime,
                $"The execution's stored history does not match its definition: state '{state.Name}' went to '{completed.Next}', which the definition does not have.");
    }

    private static ValueTask<(State? Next, JsonValue Output)> RunStateAsync(State state, JsonValue input, Frame frame, CancellationToken cancellationToken)
    {
        var run = frame.Run;
        cancellationToken.ThrowIfCancellationRequested();
        var synchronous = state.Type is StateType.Pass or StateType.Choice or StateType.Succeed or StateType.Fail;
        var now = frame.EntryTime(synchronous);
        if (run.Deadline is { } deadline && now >= deadline)
        {
            throw new ExecutionTimedOutException();
        }

        run.CountTransition();
        if (Diagnostics.EngineTelemetry.StateTransitions.Enabled)
        {
            Diagnostics.EngineTelemetry.StateTransitions.Add(1, new KeyValuePair<string, object?>(Diagnostics.StepFlowTags.StateMachineArnDimension, run.StateMachineArn));
        }

        long enteredId;
        var enteredTime = now;
        if (frame.Scope is not { } scope)
        {
            enteredId = frame.History.Add(EnteredEventType(state), state.Name, input, utcTicks: now.UtcTicks);
        }
        else if (run.Replay is { } replay && replay.TryGetOpen(scope, frame.CurrentVisit, out var open))
        {
            // Resumed after a restart: the visit carries on from its stored entry (a Wait keeps its due time).
            (enteredId, enteredTime) = (open.EnteredEventId, open.EnteredTime);
        }
        else
        {
            enteredId = frame.History.Add(
                EnteredEventType(state), state.Name, input, utcTicks: now.UtcTicks,
                journal: VisitJournal.Entered(scope, frame.CurrentVisit, run.Generation));
        }

        var visit = synchronous
            ? frame.EnterSynchronous(state, enteredId, enteredTime)
            : new StateVisit(run, state, enteredId, enteredTime);
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
        JsonObject? assigned = null;
        if (assign is not null)
        {
            assigned = Evaluate(assign, assignInput, visit, frame) as JsonObject;
            extra = assigned is null ? null : AssignVariables(assigned, frame);
        }

        // A state that finished without waiting shares its entry timestamp (clock reads cost ~100 ns on some hosts).
        frame.History.Add(
            ExitedEventType(state), state.Name, output, extra, utcTicks: completedAtEntry ? visit.EnteredTime.UtcTicks : 0,
            journal: ExitJournal(frame, next, assigned));
        return (next, output);
    }

    /// <summary>The journal of a journaled execution's Exited event: where it went and what it assigned.</summary>
    private static VisitJournal? ExitJournal(Frame frame, State? next, JsonObject? assigned) =>
        frame.Scope is { } scope
            ? VisitJournal.Exited(scope, frame.CurrentVisit, frame.Run.Generation, next?.Name, assigned is { Count: > 0 } ? assigned : null)
            : null;

    private static void CheckSize(RunContext run, State state, JsonValue value)
    {
        CheckDepth(state.Name, value);
        var limit = run.MaxPayloadBytes;
        if (limit > 0 && value.Utf8Length > limit)
        {
            throw new StatesErrorException(
                StatesErrorNames.DataLimitExceeded,
                $"The state/task '{state.Name}' returned a result with a size exceeding the maximum number of bytes service limit.");
        }
    }

    /// <summary>
    /// Data nested deeper than <see cref="JsonValue.MaxDepth"/> could not be written, read back or stored: like data over the
    /// size limit, it fails the state with <c>States.DataLimitExceeded</c> (checked before the size, which walks the value).
    /// </summary>
    private static void CheckDepth(string label, JsonValue value)
    {
        if (value.Depth > JsonValue.MaxDepth)
        {
            throw new StatesErrorException(
                StatesErrorNames.DataLimitExceeded,
                $"The state/task '{label}' returned a result nested {value.Depth} levels deep, exceeding the maximum depth of {JsonValue.MaxDepth}.");
        }
    }

    private static JsonValue ApplyInputPath(IoPath path, JsonValue input, StateVisit visit, Frame frame, string field = AslFields.InputPath)
    {
        if (path.IsDiscard)
        {
            return JsonObject.Empty;
        }

        if (path.Path is null)
        {
            return input;
        }

        return path.Select(new PathScope(input, visit, frame.Variables), field);
    }

    private static JsonValue ApplyResultPath(ResultPathSpec resultPath, JsonValue input, JsonValue result) =>
        resultPath.Apply(input, result);

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
