using System.Globalization;
using StepFlow.Definition;
using StepFlow.Definition.States;
using StepFlow.Errors;
using StepFlow.Json;
using StepFlow.Paths;

namespace StepFlow.Service.TestState;

/// <content>Map and Parallel: their own data processing, then the mocked result (or error) in place of the iterations or branches.</content>
internal sealed partial class TestStateRun
{
    private TestStateResponse RunMap(MapState state)
    {
        var mock = _mock!;
        JsonataScope? scope = null;
        JsonValue result;
        try
        {
            long? toleratedCount;
            double? toleratedPercentage;
            if (state.Jsonata is { } jsonata)
            {
                scope = NewScope(_input);
                _ = JsonataItems(state, jsonata.Items, scope);
                _data.MaxConcurrency = jsonata.MaxConcurrency is { } concurrency
                    ? (int)Math.Min(Integer(concurrency.Evaluate(scope), "MaxConcurrency"), int.MaxValue)
                    : state.MaxConcurrency;
                toleratedPercentage = jsonata.ToleratedFailurePercentage is { } percentage
                    ? Number(percentage.Evaluate(scope), "ToleratedFailurePercentage")
                    : state.ToleratedFailurePercentage;
                toleratedCount = jsonata.ToleratedFailureCount is { } count
                    ? Integer(count.Evaluate(scope), "ToleratedFailureCount")
                    : state.ToleratedFailureCount;
            }
            else
            {
                var effective = ApplyInputPath(state.InputPath, _input);
                _data.AfterInputPath = effective;
                if (!state.HasItemReader)
                {
                    _data.AfterItemsPath = JsonPathItems(state, effective);
                }

                var pathScope = PathScopeOf(effective);
                _data.MaxConcurrency = state.MaxConcurrencyPath is { } concurrencyPath
                    ? (int)Math.Min(Integer(Resolve(concurrencyPath, pathScope, "MaxConcurrencyPath"), "MaxConcurrencyPath"), int.MaxValue)
                    : state.MaxConcurrency;
                toleratedPercentage = state.ToleratedFailurePercentagePath is { } percentagePath
                    ? Number(Resolve(percentagePath, pathScope, "ToleratedFailurePercentagePath"), "ToleratedFailurePercentagePath")
                    : state.ToleratedFailurePercentage;
                toleratedCount = state.ToleratedFailureCountPath is { } countPath
                    ? Integer(Resolve(countPath, pathScope, "ToleratedFailureCountPath"), "ToleratedFailureCountPath")
                    : state.ToleratedFailureCount;
            }

            _data.ToleratedFailureCount = toleratedCount;
            _data.ToleratedFailurePercentage = toleratedPercentage;
            if (mock.IsError)
            {
                throw mock.ToException();
            }

            result = mock.Result!;
            var iterations = result is JsonArray items ? items.Count : 0;
            if (ExceedsTolerance(_configuration.MapIterationFailureCount ?? 0, iterations, toleratedCount, toleratedPercentage))
            {
                throw new StatesErrorException(StatesErrorNames.ExceedToleratedFailureThreshold, "The specified tolerated failure threshold was exceeded");
            }
        }
        catch (StatesErrorException error)
        {
            return Recover(error, state.Retry, state.Catch, _input);
        }

        return FinishBranching(state, state.ResultSelector, state.ResultPath, state.Catch, scope, result);
    }

    /// <summary>
    /// Failed iterations exceed the tolerance only when the state sets one (AWS's TestState does not apply the
    /// default of zero): more than ToleratedFailureCount, or a larger share than ToleratedFailurePercentage.
    /// </summary>
    private static bool ExceedsTolerance(int failures, int iterations, long? count, double? percentage)
    {
        if (count is null && percentage is null)
        {
            return false;
        }

        var withinCount = count is { } c && failures <= c;
        var withinPercentage = percentage is { } p && (iterations == 0 || failures * 100.0 / iterations <= p);
        return !(withinCount || withinPercentage);
    }

    private JsonArray? JsonataItems(MapState state, JsonataTemplate? items, JsonataScope scope)
    {
        if (state.HasItemReader)
        {
            return null;
        }

        var value = items is null ? scope.Input : items.Evaluate(scope);
        return value as JsonArray ?? throw new StatesErrorException(
            StatesErrorNames.QueryEvaluationError,
            items is null
                ? $"Map state input must be an array but was: {value.ToJsonString()}"
                : $"The JSONata expression '{items.Source}' specified for the field 'Items' returned an unexpected result type. Expected 'array', but was '{value.KindName}' for value: {value.ToJsonString()}");
    }

    private JsonArray JsonPathItems(MapState state, JsonValue effective)
    {
        var items = ApplyInputPath(state.ItemsPath, effective, "ItemsPath");
        if (items is JsonArray array)
        {
            return array;
        }

        var text = state.ItemsPath.Path?.Text ?? "$";
        if (text.StartsWith("$$", StringComparison.Ordinal))
        {
            text = text[1..];
        }

        throw new StatesErrorException(StatesErrorNames.Runtime, $"Reference path \"{text}\" must point to array.");
    }

    private static JsonValue Resolve(JsonPath path, in PathScope scope, string field) =>
        path.TryEvaluate(scope, out var value)
            ? value
            : throw new StatesErrorException(StatesErrorNames.Runtime, $"Invalid path '{path.Text}' : No results for path: {path.Text} (field {field})");

    private static long Integer(JsonValue value, string field) =>
        value is JsonNumber number && number.TryGetInt64(out var integer) && integer >= 0
            ? integer
            : throw new StatesErrorException(
                StatesErrorNames.Runtime,
                string.Create(CultureInfo.InvariantCulture, $"The value of {field} must be a non-negative integer, but it is {value.ToJsonString()}."));

    private static double Number(JsonValue value, string field) =>
        value is JsonNumber { DoubleValue: >= 0 and <= 100 } number
            ? number.DoubleValue
            : throw new StatesErrorException(
                StatesErrorNames.Runtime,
                string.Create(CultureInfo.InvariantCulture, $"The value of {field} must be a number between 0 and 100, but it is {value.ToJsonString()}."));

    private TestStateResponse RunParallel(ParallelState state)
    {
        var mock = _mock!;
        JsonataScope? scope = null;
        try
        {
            if (state.Jsonata is { } jsonata)
            {
                scope = NewScope(_input);
                _ = jsonata.Arguments?.Evaluate(scope);
            }
            else
            {
                var effective = ApplyInputPath(state.InputPath, _input);
                _ = state.Parameters is { } parameters ? Evaluate(parameters, effective) : effective;
            }

            if (mock.IsError)
            {
                throw mock.ToException();
            }
        }
        catch (StatesErrorException error)
        {
            return Recover(error, state.Retry, state.Catch, _input);
        }

        return FinishBranching(state, state.ResultSelector, state.ResultPath, state.Catch, scope, mock.Result!);
    }

    /// <summary>The ending of a Map or Parallel with its (mocked) result: ResultSelector, ResultPath, OutputPath or Output.</summary>
    private TestStateResponse FinishBranching(
        State state,
        PayloadTemplate? resultSelector,
        ResultPathSpec resultPath,
        System.Collections.Immutable.ImmutableArray<Catcher> catchers,
        JsonataScope? scope,
        JsonValue result)
    {
        try
        {
            if (scope is not null)
            {
                return Succeeded(FinishJsonata(state.Jsonata!.Output, state.Jsonata.Assign, scope.WithResult(result), result), state.NextName);
            }

            var selected = resultSelector is not null ? Evaluate(resultSelector, result) : result;
            _data.AfterResultSelector = selected;
            return Succeeded(FinishJsonPath(state, resultPath, _input, selected), state.NextName);
        }
        catch (StatesErrorException error)
        {
            return Recover(error, [], catchers, _input);
        }
    }
}
