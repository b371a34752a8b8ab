using System.Globalization;
using StepFlow.Definition;
using StepFlow.Definition.Choice;
using StepFlow.Definition.States;
using StepFlow.Errors;
using StepFlow.Execution.Journal;
using StepFlow.History;
using StepFlow.Json;

namespace StepFlow.Execution.Executor;

/// <content>JSONata states: <c>$states</c>, Output and Assign, type checks of evaluated fields; variable assignment for both languages.</content>
internal static partial class StateExecutor
{
    /// <summary>The largest serialized size of one variable, and of one Assign block (F-VAR-07).</summary>
    internal const int MaxAssignBytes = 256 * 1024;

    /// <summary>The largest serialized size of all variables of one scope chain (F-VAR-07).</summary>
    internal const long MaxVariablesBytes = 10L * 1024 * 1024;

    private static JsonataScope NewJsonataScope(JsonValue input, Frame frame, StateVisit visit) => NewJsonataScope(input, visit, frame);

    /// <summary>A scope for a state's JSONata fields, limited as the engine's options say.</summary>
    internal static JsonataScope NewJsonataScope(JsonValue input, Paths.IContextObjectSource context, Frame frame) => new(input, context, frame.Variables)
    {
        TimeLimit = frame.Run.Engine.Options.JsonataTimeLimit,
        SizeLimit = frame.Run.Engine.Options.JsonataSizeLimit,
    };

    /// <summary>Evaluates a JSONata template; a failure gets its EvaluationFailed history event.</summary>
    private static JsonValue EvaluateJsonata(JsonataTemplate template, JsonataScope scope, Frame frame, StateVisit visit)
    {
        try
        {
            return template.Evaluate(scope);
        }
        catch (StateFieldException e) when (e.EvaluationFailed)
        {
            throw Recorded(e, frame, visit);
        }
    }

    private static StateFieldException Recorded(StateFieldException e, Frame frame, StateVisit visit)
    {
        if (!e.Recorded)
        {
            e.Recorded = true;
            if (frame.History.IsRecording)
            {
                VisitEvents.Add(frame, visit, HistoryEventTypes.EvaluationFailed, visit.State.Name, extra: new JsonObjectBuilder(4)
                    .Set("error", JsonValue.From(e.Error))
                    .Set("cause", JsonValue.From(e.Cause ?? string.Empty))
                    .Set("location", JsonValue.From(e.Field ?? string.Empty))
                    .Set("state", JsonValue.From(visit.State.Name))
                    .Build());
            }
        }

        return e;
    }

    /// <summary>A QueryEvaluationError raised by a type check of an evaluated field (recorded in the history).</summary>
    private static StateFieldException JsonataFailure(string cause, string field, Frame frame, StateVisit visit) =>
        Recorded(QueryEvaluation.Failure(cause, field), frame, visit);

    private static StateFieldException UnexpectedType(JsonataTemplate template, string field, string expected, JsonValue value, Frame frame, StateVisit visit) =>
        JsonataFailure(
            $"The JSONata expression '{template.ExpressionText}' specified for the field '{field}' returned an unexpected result type. Expected '{expected}', but was '{value.KindName}' for value: {value.ToJsonString()}",
            field,
            frame,
            visit);

    /// <summary>Evaluates a single-expression field, failing on undefined and on a function result.</summary>
    private static JsonValue EvaluateField(JsonataTemplate template, string field, JsonataScope scope, Frame frame, StateVisit visit)
    {
        JsonValue? value;
        bool returnedFunction;
        try
        {
            value = template.EvaluateRaw(scope, out returnedFunction);
        }
        catch (StateFieldException e) when (e.EvaluationFailed)
        {
            throw Recorded(e, frame, visit);
        }

        if (returnedFunction)
        {
            throw JsonataFailure($"The JSONata expression '{template.ExpressionText}' specified for the field '{field}' returned an unsupported result type.", field, frame, visit);
        }

        return value ?? throw JsonataFailure($"The JSONata expression '{template.ExpressionText}' specified for the field '{field}' returned nothing (undefined).", field, frame, visit);
    }

    /// <summary>An integer field (Seconds, TimeoutSeconds, MaxConcurrency, ...) given by an expression.</summary>
    private static long EvaluateInteger(JsonataTemplate template, string field, long min, JsonataScope scope, Frame frame, StateVisit visit)
    {
        var value = EvaluateField(template, field, scope, frame, visit);
        if (value is not JsonNumber number || !number.TryGetInt64(out var integer))
        {
            throw UnexpectedType(template, field, "integer", value, frame, visit);
        }

        if (integer < min)
        {
            throw JsonataFailure(
                string.Create(CultureInfo.InvariantCulture, $"The JSONata expression '{template.ExpressionText}' specified for the field '{field}' returned {integer}; the field must be at least {min}."),
                field,
                frame,
                visit);
        }

        return integer;
    }

    /// <summary>Finishes a JSONata state: Output (or its default) and Assign, both against the variables at entry.</summary>
    private static (State? Next, JsonValue Output) ExitJsonata(
        State state,
        State? next,
        JsonataScope scope,
        JsonValue defaultOutput,
        JsonataTemplate? outputTemplate,
        JsonataTemplate? assignTemplate,
        Frame frame,
        StateVisit visit,
        bool completedAtEntry = false)
    {
        var assignments = assignTemplate is null ? null : EvaluateJsonata(assignTemplate, scope, frame, visit) as JsonObject;
        var output = outputTemplate is null ? defaultOutput : EvaluateJsonata(outputTemplate, scope, frame, visit);
        CheckSize(frame.Run, state, output);
        var extra = assignments is null ? null : AssignVariables(assignments, frame);
        frame.History.Add(
            ExitedEventType(state), state.Name, output, extra, utcTicks: completedAtEntry ? visit.EnteredTime.UtcTicks : 0,
            journal: ExitJournal(frame, next, assignments));
        return (next, output);
    }

    /// <summary>Applies an evaluated Assign block (both languages); returns the history details of the assignment.</summary>
    private static JsonObject? AssignVariables(JsonObject assignments, Frame frame)
    {
        if (assignments.Count == 0)
        {
            return null;
        }

        long total = 0;
        foreach (var member in assignments.Members)
        {
            if (member.Value.Depth > JsonValue.MaxDepth)
            {
                throw new StatesErrorException(
                    StatesErrorNames.DataLimitExceeded,
                    $"The variable '{member.Key}' is nested {member.Value.Depth} levels deep, exceeding the maximum depth of {JsonValue.MaxDepth}.");
            }

            var size = member.Value.Utf8Length;
            if (size > MaxAssignBytes)
            {
                throw new StatesErrorException(
                    StatesErrorNames.DataLimitExceeded,
                    $"The variable '{member.Key}' has a size of {size} bytes, exceeding the maximum of {MaxAssignBytes} bytes.");
            }

            total += size;
        }

        if (total > MaxAssignBytes)
        {
            throw new StatesErrorException(
                StatesErrorNames.DataLimitExceeded,
                $"The variables assigned by one Assign have a size of {total} bytes, exceeding the maximum of {MaxAssignBytes} bytes.");
        }

        var variables = frame.Variables.Assign(assignments.Members.ToArray());
        if (variables.TotalBytes > MaxVariablesBytes)
        {
            throw new StatesErrorException(
                StatesErrorNames.DataLimitExceeded,
                $"The variables of the execution have a size of {variables.TotalBytes} bytes, exceeding the maximum of {MaxVariablesBytes} bytes.");
        }

        frame.Variables = variables;
        if (!frame.History.IsRecording)
        {
            return null;
        }

        var recorded = new JsonObjectBuilder(assignments.Count);
        foreach (var member in assignments.Members)
        {
            recorded.Set(member.Key, JsonValue.From(member.Value.ToJsonString()));
        }

        return new JsonObjectBuilder(2)
            .Set("assignedVariables", recorded.Build())
            .Set("assignedVariablesDetails", JsonObject.Create(("truncated", JsonValue.False)))
            .Build();
    }

    private static (State? Next, JsonValue Output) RunJsonataPass(PassState state, JsonataStateFields fields, JsonValue input, Frame frame, StateVisit visit) =>
        ExitJsonata(state, state.Next, NewJsonataScope(input, frame, visit), input, fields.Output, fields.Assign, frame, visit, completedAtEntry: true);

    private static (State? Next, JsonValue Output) RunJsonataSucceed(SucceedState state, JsonataStateFields fields, JsonValue input, Frame frame, StateVisit visit) =>
        ExitJsonata(state, null, NewJsonataScope(input, frame, visit), input, fields.Output, null, frame, visit, completedAtEntry: true);

    private static (State? Next, JsonValue Output) RunJsonataChoice(ChoiceState state, JsonataStateFields fields, JsonValue input, Frame frame, StateVisit visit)
    {
        var scope = NewJsonataScope(input, frame, visit);
        foreach (var rule in state.Choices)
        {
            var condition = ((JsonataCondition)rule.Condition).Condition;
            var value = condition.IsExpression ? EvaluateField(condition, AslFields.Condition, scope, frame, visit) : condition.Source;
            if (value is not JsonBool holds)
            {
                throw UnexpectedType(condition, AslFields.Condition, "boolean", value, frame, visit);
            }

            if (holds.Value)
            {
                return ExitJsonata(state, rule.Next, scope, input, rule.Jsonata?.Output ?? fields.Output, rule.Jsonata?.Assign ?? fields.Assign, frame, visit, completedAtEntry: true);
            }
        }

        // AWS reserves States.NoChoiceMatched and reports States.Runtime, as in JSONPath states.
        var next = state.Default ?? throw new StateFieldException(
            StatesErrorNames.Runtime,
            "No Choice rule matched and the Choice state has no Default.",
            AslFields.Choices);
        return ExitJsonata(state, next, scope, input, fields.Output, fields.Assign, frame, visit, completedAtEntry: true);
    }

    private static StatesErrorException RunJsonataFail(FailState state, JsonataStateFields fields, JsonValue input, Frame frame, StateVisit visit)
    {
        var scope = NewJsonataScope(input, frame, visit);
        var error = fields.Error is { } errorTemplate ? FailString(errorTemplate, AslFields.Error, scope, frame, visit) : state.Error;
        var cause = fields.Cause is { } causeTemplate ? FailString(causeTemplate, AslFields.Cause, scope, frame, visit) : state.Cause;
        return new FailStateException(error, cause);
    }

    private static string FailString(JsonataTemplate template, string field, JsonataScope scope, Frame frame, StateVisit visit)
    {
        var value = EvaluateField(template, field, scope, frame, visit);
        return value is JsonString text ? text.Value : throw UnexpectedType(template, field, "string", value, frame, visit);
    }

    /// <summary>The instant a JSONata Wait state waits until.</summary>
    private static DateTimeOffset JsonataWaitUntil(WaitState state, JsonataStateFields fields, JsonataScope scope, Frame frame, StateVisit visit)
    {
        if (fields.Seconds is { } secondsTemplate)
        {
            var seconds = EvaluateInteger(secondsTemplate, AslFields.Seconds, 0, scope, frame, visit);
            return visit.EnteredTime.AddSeconds(Math.Min(seconds, 99_999_999));
        }

        if (fields.Timestamp is { } timestampTemplate)
        {
            var value = EvaluateField(timestampTemplate, AslFields.Timestamp, scope, frame, visit);
            if (value is not JsonString text || !Rfc3339.TryParse(text.Value, out var instant))
            {
                throw JsonataFailure(
                    $"The Timestamp field cannot be parsed as an ISO-8601 extended offset date-time format string: {(value is JsonString s ? s.Value : value.ToJsonString())}",
                    AslFields.Timestamp,
                    frame,
                    visit);
            }

            return instant;
        }

        return WaitUntil(state, scope.Input, frame, visit);
    }

    /// <summary>The items of a JSONata Map state: <c>Items</c>, or the state input, which must be an array.</summary>
    private static JsonArray JsonataItems(JsonataStateFields fields, JsonataScope scope, Frame frame, StateVisit visit)
    {
        if (fields.Items is not { } template)
        {
            return scope.Input as JsonArray
                ?? throw JsonataFailure($"Map state input must be an array but was: {scope.Input.ToJsonString()}", AslFields.Items, frame, visit);
        }

        var value = template.IsExpression ? EvaluateField(template, AslFields.Items, scope, frame, visit) : EvaluateJsonata(template, scope, frame, visit);
        return value as JsonArray ?? throw UnexpectedType(template, AslFields.Items, "array", value, frame, visit);
    }

    private static MapSettings JsonataMapSettings(MapState state, JsonataStateFields fields, JsonataScope scope, Frame frame, StateVisit visit)
    {
        var maxConcurrency = fields.MaxConcurrency is { } concurrency
            ? (int)Math.Min(EvaluateInteger(concurrency, AslFields.MaxConcurrency, 0, scope, frame, visit), int.MaxValue)
            : state.MaxConcurrency;
        var percentage = state.ToleratedFailurePercentage;
        if (fields.ToleratedFailurePercentage is { } percentageTemplate)
        {
            var value = EvaluateField(percentageTemplate, AslFields.ToleratedFailurePercentage, scope, frame, visit);
            if (value is not JsonNumber number || number.DoubleValue is < 0 or > 100)
            {
                throw UnexpectedType(percentageTemplate, AslFields.ToleratedFailurePercentage, "number between 0 and 100", value, frame, visit);
            }

            percentage = number.DoubleValue;
        }

        var count = fields.ToleratedFailureCount is { } countTemplate
            ? EvaluateInteger(countTemplate, AslFields.ToleratedFailureCount, 0, scope, frame, visit)
            : state.ToleratedFailureCount;
        return new MapSettings(maxConcurrency, percentage, count);
    }

    /// <summary>The Task timeout of a JSONata Task state (HeartbeatSeconds is checked, not enforced).</summary>
    private static TimeSpan? JsonataTaskTimeout(TaskState state, JsonataStateFields fields, JsonataScope scope, Frame frame, StateVisit visit)
    {
        if (fields.HeartbeatSeconds is { } heartbeat)
        {
            _ = EvaluateInteger(heartbeat, AslFields.HeartbeatSeconds, 1, scope, frame, visit);
        }

        return fields.TimeoutSeconds is { } timeout
            ? TimeSpan.FromSeconds(EvaluateInteger(timeout, AslFields.TimeoutSeconds, 1, scope, frame, visit))
            : state.TimeoutSeconds is { } seconds ? TimeSpan.FromSeconds(seconds) : null;
    }
}
