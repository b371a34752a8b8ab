using StepFlow.Definition;
using StepFlow.Json;

namespace StepFlow.Parsing.Validation;

/// <summary>Checks one state: Type, QueryLanguage, allowed fields, common fields, Next/End, then its type's rules.</summary>
internal static class StateValidator
{
    /// <summary>Validates the state; returns true when it ends its scope (End:true, Succeed, Fail) or is too broken to tell.</summary>
    public static bool Validate(
        ValidationContext ctx,
        JsonValue value,
        in PendingPointer statePointer,
        MachineScope scope,
        int stateIndex,
        ScopeTransitions transitions,
        Queue<MachineScope> pending)
    {
        if (value is not JsonObject state)
        {
            ctx.Schema($"A state must be an object, not {value.KindName}.", statePointer);
            return true;
        }

        var language = ReadQueryLanguage(ctx, state, statePointer, scope.Language);
        if (!state.TryGetValue(AslFields.Type, out var typeValue))
        {
            ctx.Schema("A state is missing the required field 'Type'.", statePointer);
            return true;
        }

        if (typeValue is not JsonString typeName || !StateTypes.TryParse(typeName.Value, out var type))
        {
            ctx.Schema(
                "The field 'Type' should have one of these values: [Task, Wait, Pass, Succeed, Fail, Choice, Parallel, Map]",
                statePointer.Append(AslFields.Type));
            return true;
        }

        CheckFields(ctx, state, statePointer, type, language);
        var terminal = CheckTransition(ctx, state, statePointer, type, stateIndex, transitions);
        switch (type)
        {
            case StateType.Task:
                TaskRules.Check(ctx, state, statePointer, language);
                break;
            case StateType.Pass:
                if (language == QueryLanguage.JsonPath && state.TryGetValue(AslFields.Result, out var result))
                {
                    TemplateRules.CheckPassResult(ctx, result, statePointer, AslFields.Result);
                }

                break;
            case StateType.Choice:
                ChoiceRules.Check(ctx, state, statePointer, language, transitions, stateIndex);
                break;
            case StateType.Wait:
                WaitRules.Check(ctx, state, statePointer, language);
                break;
            case StateType.Fail:
                FailRules.Check(ctx, state, statePointer, language);
                break;
            case StateType.Parallel:
                CheckBranches(ctx, state, statePointer, language, scope.Depth, pending);
                break;
            case StateType.Map:
                MapRules.Check(ctx, state, statePointer, language, scope.Depth, pending);
                break;
            default:
                break;
        }

        if (type is StateType.Task or StateType.Parallel or StateType.Map)
        {
            RetryCatchRules.CheckRetry(ctx, state, statePointer);
            RetryCatchRules.CheckCatch(ctx, state, statePointer, language, transitions, stateIndex);
        }

        return terminal;
    }

    private static QueryLanguage ReadQueryLanguage(ValidationContext ctx, JsonObject state, in PendingPointer statePointer, QueryLanguage inherited)
    {
        if (!state.TryGetValue(AslFields.QueryLanguage, out var value))
        {
            return inherited;
        }

        if (value is not JsonString text || !StateTypes.TryParseQueryLanguage(text.Value, out var language))
        {
            ctx.Schema("The field 'QueryLanguage' must be \"JSONPath\" or \"JSONata\".", statePointer.Append(AslFields.QueryLanguage));
            return inherited;
        }

        if (inherited == QueryLanguage.Jsonata && language == QueryLanguage.JsonPath)
        {
            ctx.Schema(
                "A state cannot use JSONPath when the state machine's QueryLanguage is JSONata.",
                statePointer.Append(AslFields.QueryLanguage));
            return inherited;
        }

        return language;
    }

    private static void CheckFields(ValidationContext ctx, JsonObject state, in PendingPointer statePointer, StateType type, QueryLanguage language)
    {
        var members = state.Members;
        var fields = ctx.FieldShapes.Classify(type, language, members);
        for (var i = 0; i < members.Length; i++)
        {
            var member = members[i];
            var key = member.Key;
            var check = fields[i].Check;
            switch (fields[i].Status)
            {
                case StateFieldTables.FieldStatus.WrongQueryLanguage:
                    ctx.Schema(
                        $"The field '{key}' is not supported in {StateTypes.Name(language)} states.",
                        statePointer.Append(key));
                    continue;
                case StateFieldTables.FieldStatus.Unknown:
                    ctx.Schema(
                        $"The field '{ValueChecks.Truncate(key)}' is not supported by {type} states.",
                        statePointer.Append(key));
                    continue;
                default:
                    break;
            }

            var value = member.Value;
            switch (check)
            {
                case StateFieldTables.FieldCheck.Comment:
                    if (value is not JsonString)
                    {
                        ctx.Schema($"The field 'Comment' must be a string, not {value.KindName}.", statePointer.Append(key));
                    }

                    break;
                case StateFieldTables.FieldCheck.Path:
                    ValueChecks.Path(ctx, state, key, statePointer, allowNull: true);
                    break;
                case StateFieldTables.FieldCheck.Template:
                    if (value is not JsonObject)
                    {
                        ctx.Schema($"The field '{key}' must be an object, not {value.KindName}.", statePointer.Append(key));
                    }
                    else
                    {
                        TemplateRules.CheckPayloadTemplate(ctx, value, statePointer, key);
                    }

                    break;
                case StateFieldTables.FieldCheck.Arguments:
                    ValueChecks.Object(ctx, state, key, statePointer, allowJsonata: true);
                    break;
                case StateFieldTables.FieldCheck.Assign:
                    TemplateRules.CheckAssign(ctx, state, statePointer, language);
                    break;
                default:
                    break;
            }
        }
    }

    private static bool CheckTransition(
        ValidationContext ctx, JsonObject state, in PendingPointer statePointer, StateType type, int stateIndex, ScopeTransitions transitions)
    {
        if (!StateTypes.NeedsTransition(type))
        {
            return StateTypes.IsTerminalType(type);
        }

        var hasNext = state.TryGetValue(AslFields.Next, out var next);
        var hasEnd = state.TryGetValue(AslFields.End, out var end);
        if (hasEnd && end is not JsonBool)
        {
            ctx.Schema($"The field 'End' must be a boolean, not {end!.KindName}.", statePointer.Append(AslFields.End));
        }

        var endTrue = hasEnd && end is JsonBool { } flag && ReferenceEquals(flag, JsonValue.True);
        if (hasNext)
        {
            if (next is JsonString target && target.Value.Length > 0)
            {
                transitions.Add(stateIndex, target.Value, AslFields.Next);
            }
            else
            {
                ctx.Schema("The field 'Next' must be a non-empty string naming a state.", statePointer.Append(AslFields.Next));
            }
        }

        if (hasNext && hasEnd)
        {
            ctx.Schema("A state cannot have both 'Next' and 'End'.", statePointer.Append(AslFields.End));
        }
        else if (!hasNext && !endTrue)
        {
            ctx.Schema(
                hasEnd ? "'End' must be true when a state has no 'Next'." : $"A {type} state needs 'Next' or 'End': true.",
                hasEnd ? statePointer.Append(AslFields.End) : statePointer);
        }

        return endTrue || !hasNext;
    }

    private static void CheckBranches(
        ValidationContext ctx, JsonObject state, in PendingPointer statePointer, QueryLanguage language, int depth, Queue<MachineScope> pending)
    {
        if (!state.TryGetValue(AslFields.Branches, out var value))
        {
            ctx.Schema("A Parallel state is missing the required field 'Branches'.", statePointer);
            return;
        }

        var pointer = statePointer.Append(AslFields.Branches);
        if (value is JsonArray { Count: 0 })
        {
            // AWS's wording (recorded in ../shared/conformance-teststate).
            ctx.Schema("Value cannot be empty", pointer);
            return;
        }

        if (value is not JsonArray branches)
        {
            ctx.Schema("The field 'Branches' must be a non-empty array of branches.", pointer);
            return;
        }

        if (depth + 1 > ctx.MaxNestingDepth)
        {
            ctx.Error(
                DiagnosticCodes.TooDeeplyNested,
                $"The Parallel branches are nested {depth + 1} levels deep; at most {ctx.MaxNestingDepth} are allowed.",
                pointer);
            return;
        }

        var items = branches.Items;
        for (var i = 0; i < items.Length; i++)
        {
            pending.Enqueue(new MachineScope(items[i], pointer.Append(i).ToString(), depth + 1, language, ScopeKind.Branch));
        }
    }
}
