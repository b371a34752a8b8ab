using StepFlow.Definition;
using StepFlow.Definition.States;
using StepFlow.Errors;
using StepFlow.Execution.Executor;
using StepFlow.Json;

namespace StepFlow.Service.TestState;

/// <content>Pass, Choice, Succeed, Fail and Wait: no task, no recovery.</content>
internal sealed partial class TestStateRun
{
    private JsonValue RunPass(PassState state)
    {
        if (state.Jsonata is { } jsonata)
        {
            return FinishJsonata(jsonata.Output, jsonata.Assign, NewScope(_input), _input);
        }

        var effective = ApplyInputPath(state.InputPath, _input);
        JsonValue result;
        if (state.Result is { } fixedResult)
        {
            result = fixedResult;
            _data.Result = result;
        }
        else
        {
            _data.AfterInputPath = effective;
            result = state.Parameters is { } parameters ? Evaluate(parameters, effective) : effective;
            _data.AfterParameters = result;
        }

        _data.AfterResultSelector = result;
        return FinishJsonPath(state, state.ResultPath, _input, result);
    }

    private TestStateResponse RunChoice(ChoiceState state)
    {
        if (state.Jsonata is { } jsonata)
        {
            var scope = NewScope(_input);
            foreach (var rule in state.Choices)
            {
                var condition = ((JsonataCondition)rule.Condition).Condition;
                var value = condition.Evaluate(scope);
                if (value is not JsonBool holds)
                {
                    throw new StatesErrorException(
                        StatesErrorNames.QueryEvaluationError,
                        $"The JSONata expression '{condition.Source}' specified for the field 'Condition' returned an unexpected result type. Expected 'boolean', but was '{value.KindName}' for value: {value.ToJsonString()}");
                }

                if (holds.Value)
                {
                    return Succeeded(FinishJsonata(rule.Jsonata?.Output ?? jsonata.Output, rule.Jsonata?.Assign ?? jsonata.Assign, scope, _input), rule.NextName);
                }
            }

            return Succeeded(FinishJsonata(jsonata.Output, jsonata.Assign, scope, _input), DefaultOrThrow(state));
        }

        var effective = ApplyInputPath(state.InputPath, _input);
        _data.AfterInputPath = effective;
        var pathScope = PathScopeOf(effective);
        foreach (var rule in state.Choices)
        {
            if (rule.Condition.Evaluate(pathScope))
            {
                var output = ApplyInputPath(state.OutputPath, effective, "OutputPath");
                Assign(rule.Assign ?? state.Assign, effective);
                return Succeeded(output, rule.NextName);
            }
        }

        var next = DefaultOrThrow(state);
        var defaultOutput = ApplyInputPath(state.OutputPath, effective, "OutputPath");
        Assign(state.Assign, effective);
        return Succeeded(defaultOutput, next);
    }

    private static string DefaultOrThrow(ChoiceState state) =>
        state.DefaultName ?? throw new StatesErrorException(
            StatesErrorNames.NoChoiceMatched,
            "No Choice rule matched and the Choice state has no Default.");

    private JsonValue RunSucceed(SucceedState state)
    {
        if (state.Jsonata is { } jsonata)
        {
            return FinishJsonata(jsonata.Output, null, NewScope(_input), _input);
        }

        var effective = ApplyInputPath(state.InputPath, _input);
        _data.AfterInputPath = effective;
        return ApplyInputPath(state.OutputPath, effective, "OutputPath");
    }

    private StatesErrorException RunFail(FailState state)
    {
        if (state.Jsonata is { } jsonata)
        {
            var scope = NewScope(_input);
            var error = jsonata.Error is { } errorTemplate ? Text(errorTemplate.Evaluate(scope)) : state.Error;
            var cause = jsonata.Cause is { } causeTemplate ? Text(causeTemplate.Evaluate(scope)) : state.Cause;
            return new FailStateException(error, cause);
        }

        _data.AfterInputPath = _input;
        var pathScope = PathScopeOf(_input);
        return new FailStateException(
            state.Error ?? (state.ErrorPath is { } errorPath ? Text(errorPath.Evaluate(pathScope, "ErrorPath")) : null),
            state.Cause ?? (state.CausePath is { } causePath ? Text(causePath.Evaluate(pathScope, "CausePath")) : null));
    }

    private static string Text(JsonValue value) => value is JsonString text ? text.Value : value.ToJsonString();

    /// <summary>A Wait state is tested without waiting: its data processing and its transition.</summary>
    private JsonValue RunWait(WaitState state)
    {
        if (state.Jsonata is { } jsonata)
        {
            return FinishJsonata(jsonata.Output, jsonata.Assign, NewScope(_input), _input);
        }

        var effective = ApplyInputPath(state.InputPath, _input);
        _data.AfterInputPath = effective;
        var output = ApplyInputPath(state.OutputPath, effective, "OutputPath");
        Assign(state.Assign, effective);
        return output;
    }
}
