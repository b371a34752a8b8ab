using StepFlow.Definition;
using StepFlow.Definition.States;
using StepFlow.Errors;
using StepFlow.Json;
using StepFlow.Paths;

namespace StepFlow.Execution.Executor;

/// <content>Pass, Choice, Succeed and Fail.</content>
internal static partial class StateExecutor
{
    private static (State? Next, JsonValue Output) RunPass(PassState state, JsonValue input, Frame frame, StateVisit visit)
    {
        if (state.Jsonata is { } jsonata)
        {
            return RunJsonataPass(state, jsonata, input, frame, visit);
        }

        var effective = ApplyInputPath(state.InputPath, input, visit, frame);
        var result = state.Result
            ?? (state.Parameters is not null ? Evaluate(state.Parameters, effective, visit, frame) : effective);
        var output = ApplyResultPath(state.ResultPath, input, result);
        output = ApplyInputPath(state.OutputPath, output, visit, frame, AslFields.OutputPath);
        return Exit(state, state.Next, output, frame, visit, state.Assign, result, completedAtEntry: true);
    }

    private static (State? Next, JsonValue Output) RunChoice(ChoiceState state, JsonValue input, Frame frame, StateVisit visit)
    {
        if (state.Jsonata is { } jsonata)
        {
            return RunJsonataChoice(state, jsonata, input, frame, visit);
        }

        var effective = ApplyInputPath(state.InputPath, input, visit, frame);
        var scope = new PathScope(effective, visit, frame.Variables);
        State? next = null;
        PayloadTemplate? assign = state.Assign;
        foreach (var rule in state.Choices)
        {
            bool holds;
            try
            {
                holds = rule.Condition.Evaluate(scope);
            }
            catch (StatesErrorException e) when (e is not StateFieldException)
            {
                throw new StateFieldException(e.Error, e.Cause ?? string.Empty, AslFields.Choices);
            }

            if (holds)
            {
                next = rule.Next;
                assign = rule.Assign ?? assign;
                break;
            }
        }

        if (next is null)
        {
            next = state.Default ?? throw new StateFieldException(
                StatesErrorNames.Runtime,
                "No Choice rule matched and the Choice state has no Default.",
                AslFields.Choices);
        }

        var output = ApplyInputPath(state.OutputPath, effective, visit, frame, AslFields.OutputPath);
        return Exit(state, next, output, frame, visit, assign, effective, completedAtEntry: true);
    }

    private static (State? Next, JsonValue Output) RunSucceed(SucceedState state, JsonValue input, Frame frame, StateVisit visit)
    {
        if (state.Jsonata is { } jsonata)
        {
            return RunJsonataSucceed(state, jsonata, input, frame, visit);
        }

        var effective = ApplyInputPath(state.InputPath, input, visit, frame);
        var output = ApplyInputPath(state.OutputPath, effective, visit, frame, AslFields.OutputPath);
        return Exit(state, null, output, frame, visit, null, effective, completedAtEntry: true);
    }

    private static StatesErrorException RunFail(FailState state, JsonValue input, Frame frame, StateVisit visit)
    {
        if (state.Jsonata is { } jsonata)
        {
            return RunJsonataFail(state, jsonata, input, frame, visit);
        }

        var scope = new PathScope(input, visit, frame.Variables);
        var error = state.Error ?? (state.ErrorPath is { } errorPath ? FailText(errorPath, scope, AslFields.ErrorPath) : null);
        var cause = state.Cause ?? (state.CausePath is { } causePath ? FailText(causePath, scope, AslFields.CausePath) : null);
        return new FailStateException(error, cause);
    }

    private static string FailText(DynamicValue value, in PathScope scope, string field)
    {
        JsonValue result;
        try
        {
            result = value.Evaluate(scope, field);
        }
        catch (StatesErrorException e) when (e is not StateFieldException)
        {
            throw new StateFieldException(e.Error, e.Cause ?? string.Empty, field);
        }

        return result is JsonString text ? text.Value : result.ToJsonString();
    }
}
