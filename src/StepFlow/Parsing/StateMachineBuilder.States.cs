using System.Collections.Immutable;
using System.Runtime.InteropServices;
using StepFlow.Definition;
using StepFlow.Definition.Choice;
using StepFlow.Definition.States;
using StepFlow.Json;

namespace StepFlow.Parsing;

/// <content>Builds each state type.</content>
internal sealed partial class StateMachineBuilder
{
    private State? BuildState(string name, JsonObject obj, string statesPointer, QueryLanguage inherited)
    {
        var outer = _language;
        try
        {
            return BuildStateCore(name, obj, statesPointer, inherited);
        }
        finally
        {
            _language = outer;
        }
    }

    private State? BuildStateCore(string name, JsonObject obj, string statesPointer, QueryLanguage inherited)
    {
        var pointer = new PendingPointer(statesPointer, name);
        var typeName = RequireString(obj, AslFields.Type, pointer);
        if (typeName is null)
        {
            return null;
        }

        var language = inherited;
        if (OptionalString(obj, AslFields.QueryLanguage, pointer) is { } languageName)
        {
            language = languageName == "JSONata" ? QueryLanguage.Jsonata : QueryLanguage.JsonPath;
        }

        _language = language;
        var jsonata = language == QueryLanguage.Jsonata;
        var end = obj.TryGetValue(AslFields.End, out var endValue) && endValue is JsonBool { Value: true };
        var next = OptionalString(obj, AslFields.Next, pointer);
        var common = new StateCommon(
            name,
            statesPointer,
            OptionalString(obj, AslFields.Comment, pointer),
            language,
            end ? null : next,
            jsonata ? IoPath.Identity : CompileIoPath(obj, AslFields.InputPath, pointer),
            jsonata ? IoPath.Identity : CompileIoPath(obj, AslFields.OutputPath, pointer),
            jsonata ? null : CompileOptionalTemplate(obj, AslFields.Assign, pointer),
            jsonata ? BuildJsonataFields(obj, pointer) : null);

        switch (typeName)
        {
            case "Pass":
                RequireTransition(obj, pointer, next, end);
                return new PassState(
                    common,
                    obj.TryGetValue(AslFields.Result, out var result) ? result : null,
                    CompileOptionalTemplate(obj, AslFields.Parameters, pointer),
                    CompileResultPath(obj, pointer));
            case "Task":
                RequireTransition(obj, pointer, next, end);
                return BuildTask(common, obj, pointer);
            case "Choice":
                return BuildChoice(common, obj, pointer);
            case "Wait":
                RequireTransition(obj, pointer, next, end);
                return BuildWait(common, obj, pointer);
            case "Succeed":
                return new SucceedState(common);
            case "Fail":
                return new FailState(
                    common,
                    OptionalString(obj, AslFields.Error, pointer),
                    CompileDynamic(obj, AslFields.ErrorPath, pointer),
                    OptionalString(obj, AslFields.Cause, pointer),
                    CompileDynamic(obj, AslFields.CausePath, pointer));
            case "Parallel":
                RequireTransition(obj, pointer, next, end);
                return BuildParallel(common, obj, pointer, language);
            case "Map":
                RequireTransition(obj, pointer, next, end);
                return BuildMap(common, obj, pointer, language);
            default:
                Error(DiagnosticCodes.SchemaValidationFailed, $"Unknown state type '{typeName}'.", pointer.Append(AslFields.Type));
                return null;
        }
    }

    private void RequireTransition(JsonObject obj, in PendingPointer pointer, string? next, bool end)
    {
        if (next is null && !end)
        {
            Error(DiagnosticCodes.SchemaValidationFailed, "The state needs either 'Next' or 'End': true.", pointer);
        }
        else if (next is not null && end)
        {
            Error(DiagnosticCodes.SchemaValidationFailed, "The state may not have both 'Next' and 'End': true.", pointer.Append(AslFields.End));
        }

        _ = obj;
    }

    private TaskState? BuildTask(StateCommon common, JsonObject obj, in PendingPointer pointer)
    {
        var resource = RequireString(obj, AslFields.Resource, pointer);
        if (resource is null)
        {
            return null;
        }

        return new TaskState(
            common,
            resource,
            CompileOptionalTemplate(obj, AslFields.Parameters, pointer),
            CompileOptionalTemplate(obj, AslFields.ResultSelector, pointer),
            CompileResultPath(obj, pointer),
            BuildRetriers(obj, pointer),
            BuildCatchers(obj, pointer),
            (int?)OptionalInteger(obj, AslFields.TimeoutSeconds, pointer, 1),
            CompileOptionalPath(obj, AslFields.TimeoutSecondsPath, pointer),
            (int?)OptionalInteger(obj, AslFields.HeartbeatSeconds, pointer, 1),
            CompileOptionalPath(obj, AslFields.HeartbeatSecondsPath, pointer));
    }

    private ChoiceState? BuildChoice(StateCommon common, JsonObject obj, in PendingPointer pointer)
    {
        var choicesPointer = pointer.Append(AslFields.Choices);
        if (!obj.TryGetValue(AslFields.Choices, out var choicesValue) || choicesValue is not JsonArray { Count: > 0 } choices)
        {
            Error(DiagnosticCodes.SchemaValidationFailed, "A Choice state needs a non-empty 'Choices' array.", choicesPointer);
            return null;
        }

        var rules = new ChoiceRule[choices.Count];
        var ruleCount = 0;
        for (var i = 0; i < choices.Count; i++)
        {
            var rulePointer = choicesPointer.Append(i);
            if (choices[i] is not JsonObject ruleObject)
            {
                Error(DiagnosticCodes.SchemaValidationFailed, "A Choice rule must be an object.", rulePointer);
                continue;
            }

            var next = RequireString(ruleObject, AslFields.Next, rulePointer);
            if (_language == QueryLanguage.Jsonata)
            {
                var jsonataCondition = CompileJsonata(ruleObject, AslFields.Condition, rulePointer);
                if (jsonataCondition is null)
                {
                    Error(DiagnosticCodes.SchemaValidationFailed, "A JSONata Choice rule needs a 'Condition'.", rulePointer);
                }
                else if (next is not null)
                {
                    rules[ruleCount++] = new ChoiceRule(new JsonataCondition(jsonataCondition), next, null) { Jsonata = BuildJsonataOutputAssign(ruleObject, rulePointer) };
                }

                continue;
            }

            var condition = CompileCondition(ruleObject, rulePointer, topLevel: true);
            if (next is not null && condition is not null)
            {
                rules[ruleCount++] = new ChoiceRule(condition, next, CompileOptionalTemplate(ruleObject, AslFields.Assign, rulePointer));
            }
        }

        return new ChoiceState(common, Freeze(rules, ruleCount), OptionalString(obj, AslFields.Default, pointer));
    }

    private WaitState BuildWait(StateCommon common, JsonObject obj, in PendingPointer pointer)
    {
        DateTimeOffset? timestamp = null;
        if (OptionalString(obj, AslFields.Timestamp, pointer) is { } text)
        {
            if (Rfc3339.TryParse(text, out var parsed))
            {
                timestamp = parsed;
            }
            else
            {
                Error(DiagnosticCodes.SchemaValidationFailed, $"'{text}' is not an RFC 3339 timestamp.", pointer.Append(AslFields.Timestamp));
            }
        }

        return new WaitState(
            common,
            OptionalInteger(obj, AslFields.Seconds, pointer, 0),
            CompileOptionalPath(obj, AslFields.SecondsPath, pointer),
            timestamp,
            CompileOptionalPath(obj, AslFields.TimestampPath, pointer));
    }

    private ParallelState? BuildParallel(StateCommon common, JsonObject obj, in PendingPointer pointer, QueryLanguage language)
    {
        var branchesPointer = pointer.Append(AslFields.Branches);
        if (!obj.TryGetValue(AslFields.Branches, out var branchesValue) || branchesValue is not JsonArray { Count: > 0 } branchArray)
        {
            Error(DiagnosticCodes.SchemaValidationFailed, "A Parallel state needs a non-empty 'Branches' array.", branchesPointer);
            return null;
        }

        var branches = new StateGraph[branchArray.Count];
        var branchCount = 0;
        for (var i = 0; i < branchArray.Count; i++)
        {
            var branchPointer = branchesPointer.Append(i);
            if (branchArray[i] is not JsonObject branchObject)
            {
                Error(DiagnosticCodes.SchemaValidationFailed, "A branch must be an object.", branchPointer);
                continue;
            }

            if (BuildGraph(branchObject, branchPointer, language) is { } graph)
            {
                branches[branchCount++] = graph;
            }
        }

        return new ParallelState(
            common,
            Freeze(branches, branchCount),
            CompileOptionalTemplate(obj, AslFields.Parameters, pointer),
            CompileOptionalTemplate(obj, AslFields.ResultSelector, pointer),
            CompileResultPath(obj, pointer),
            BuildRetriers(obj, pointer),
            BuildCatchers(obj, pointer));
    }

    private MapState? BuildMap(StateCommon common, JsonObject obj, in PendingPointer pointer, QueryLanguage language)
    {
        var processorName = obj.ContainsKey(AslFields.ItemProcessor) ? AslFields.ItemProcessor : AslFields.Iterator;
        var processorPointer = pointer.Append(processorName);
        if (!obj.TryGetValue(processorName, out var processorValue) || processorValue is not JsonObject processorObject)
        {
            Error(DiagnosticCodes.SchemaValidationFailed, "A Map state needs an 'ItemProcessor' (or 'Iterator') object.", processorPointer);
            return null;
        }

        var processor = BuildGraph(processorObject, processorPointer, language);
        if (processor is null)
        {
            return null;
        }

        var distributed = processorObject.TryGetValue(AslFields.ProcessorConfig, out var config) && config is JsonObject configObject &&
            configObject.TryGetValue(AslFields.Mode, out var mode) && mode is JsonString { Value: "DISTRIBUTED" };
        var selectorName = _language == QueryLanguage.Jsonata ? "-" : obj.ContainsKey(AslFields.ItemSelector) ? AslFields.ItemSelector : AslFields.Parameters;
        var fields = new MapStateFields(
            processor,
            distributed,
            obj.ContainsKey(AslFields.ItemReader),
            CompileIoPath(obj, AslFields.ItemsPath, pointer),
            CompileOptionalTemplate(obj, selectorName, pointer),
            CompileOptionalTemplate(obj, AslFields.ResultSelector, pointer),
            CompileResultPath(obj, pointer),
            (int)(OptionalInteger(obj, AslFields.MaxConcurrency, pointer, 0) ?? 0),
            CompileOptionalPath(obj, AslFields.MaxConcurrencyPath, pointer),
            OptionalNumber(obj, AslFields.ToleratedFailurePercentage, pointer),
            CompileOptionalPath(obj, AslFields.ToleratedFailurePercentagePath, pointer),
            OptionalInteger(obj, AslFields.ToleratedFailureCount, pointer),
            CompileOptionalPath(obj, AslFields.ToleratedFailureCountPath, pointer),
            BuildRetriers(obj, pointer),
            BuildCatchers(obj, pointer));
        return new MapState(common, fields);
    }

    private ImmutableArray<Retrier> BuildRetriers(JsonObject obj, in PendingPointer pointer)
    {
        if (!obj.TryGetValue(AslFields.Retry, out var value))
        {
            return [];
        }

        var retryPointer = pointer.Append(AslFields.Retry);
        if (value is not JsonArray array)
        {
            Error(DiagnosticCodes.SchemaValidationFailed, "'Retry' must be an array.", retryPointer);
            return [];
        }

        if (TryRecall(_retriers, array, out var known))
        {
            return known;
        }

        var problems = _diagnostics.Count;
        var built = BuildRetriers(array, retryPointer);
        Remember(_retriers, array, built, problems);
        return built;
    }

    private ImmutableArray<Retrier> BuildRetriers(JsonArray array, in PendingPointer retryPointer)
    {
        var retriers = new Retrier[array.Count];
        var count = 0;
        for (var i = 0; i < array.Count; i++)
        {
            var itemPointer = retryPointer.Append(i);
            if (array[i] is not JsonObject retrier)
            {
                Error(DiagnosticCodes.SchemaValidationFailed, "A retrier must be an object.", itemPointer);
                continue;
            }

            var jitter = OptionalString(retrier, AslFields.JitterStrategy, itemPointer) == "FULL" ? JitterStrategy.Full : JitterStrategy.None;
            retriers[count++] = new Retrier(
                ErrorNames(retrier, itemPointer),
                (int)(OptionalInteger(retrier, AslFields.IntervalSeconds, itemPointer, 1) ?? 1),
                (int)(OptionalInteger(retrier, AslFields.MaxAttempts, itemPointer, 0) ?? 3),
                OptionalNumber(retrier, AslFields.BackoffRate, itemPointer) ?? 2.0,
                (int?)OptionalInteger(retrier, AslFields.MaxDelaySeconds, itemPointer, 1),
                jitter);
        }

        return Freeze(retriers, count);
    }

    private ImmutableArray<Catcher> BuildCatchers(JsonObject obj, in PendingPointer pointer)
    {
        if (!obj.TryGetValue(AslFields.Catch, out var value))
        {
            return [];
        }

        var catchPointer = pointer.Append(AslFields.Catch);
        if (value is not JsonArray array)
        {
            Error(DiagnosticCodes.SchemaValidationFailed, "'Catch' must be an array.", catchPointer);
            return [];
        }

        var catchers = new Catcher[array.Count];
        var count = 0;
        for (var i = 0; i < array.Count; i++)
        {
            var itemPointer = catchPointer.Append(i);
            if (array[i] is not JsonObject catcher)
            {
                Error(DiagnosticCodes.SchemaValidationFailed, "A catcher must be an object.", itemPointer);
                continue;
            }

            var next = RequireString(catcher, AslFields.Next, itemPointer);
            if (next is not null)
            {
                var jsonata = _language == QueryLanguage.Jsonata;
                catchers[count++] = new Catcher(
                    ErrorNames(catcher, itemPointer),
                    next,
                    jsonata ? ResultPathSpec.Replace : CompileResultPath(catcher, itemPointer),
                    jsonata ? null : CompileOptionalTemplate(catcher, AslFields.Assign, itemPointer),
                    itemPointer)
                {
                    Jsonata = jsonata ? BuildJsonataOutputAssign(catcher, itemPointer) : null,
                };
            }
        }

        return Freeze(catchers, count);
    }

    /// <summary>The first <paramref name="count"/> items; without a copy when the array is exactly full (the usual case).</summary>
    private static ImmutableArray<T> Freeze<T>(T[] items, int count)
    {
        if (count < items.Length)
        {
            Array.Resize(ref items, count);
        }

        return ImmutableCollectionsMarshal.AsImmutableArray(items);
    }

    private ImmutableArray<string> ErrorNames(JsonObject obj, in PendingPointer pointer)
    {
        if (obj.TryGetValue(AslFields.ErrorEquals, out var value) && value is JsonArray { Count: > 0 } array)
        {
            var items = array.Items;
            var names = new string[items.Length];
            var count = 0;
            while (count < items.Length && items[count] is JsonString name)
            {
                names[count++] = name.Value;
            }

            if (count == names.Length)
            {
                return ImmutableCollectionsMarshal.AsImmutableArray(names);
            }
        }

        Error(DiagnosticCodes.SchemaValidationFailed, "'ErrorEquals' must be a non-empty array of strings.", pointer.Append(AslFields.ErrorEquals));
        return [];
    }
}
