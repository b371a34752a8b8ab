using System.Collections.Frozen;
using StepFlow.Definition;
using StepFlow.Json;
using Rfc3339 = StepFlow.Definition.Choice.Rfc3339;

namespace StepFlow.Parsing.Validation;

/// <summary>Checks a Choice state's <c>Choices</c> and <c>Default</c>; nested rules are walked without recursion.</summary>
internal static class ChoiceRules
{
    private enum Operand
    {
        String,
        Number,
        Boolean,
        Timestamp,
        Path,
        TypeTest,
    }

    private static readonly FrozenDictionary<string, Operand> Operators = new Dictionary<string, Operand>(StringComparer.Ordinal)
    {
        [AslFields.StringEquals] = Operand.String,
        [AslFields.StringLessThan] = Operand.String,
        [AslFields.StringGreaterThan] = Operand.String,
        [AslFields.StringLessThanEquals] = Operand.String,
        [AslFields.StringGreaterThanEquals] = Operand.String,
        [AslFields.StringMatches] = Operand.String,
        [AslFields.StringEqualsPath] = Operand.Path,
        [AslFields.StringLessThanPath] = Operand.Path,
        [AslFields.StringGreaterThanPath] = Operand.Path,
        [AslFields.StringLessThanEqualsPath] = Operand.Path,
        [AslFields.StringGreaterThanEqualsPath] = Operand.Path,
        [AslFields.NumericEquals] = Operand.Number,
        [AslFields.NumericLessThan] = Operand.Number,
        [AslFields.NumericGreaterThan] = Operand.Number,
        [AslFields.NumericLessThanEquals] = Operand.Number,
        [AslFields.NumericGreaterThanEquals] = Operand.Number,
        [AslFields.NumericEqualsPath] = Operand.Path,
        [AslFields.NumericLessThanPath] = Operand.Path,
        [AslFields.NumericGreaterThanPath] = Operand.Path,
        [AslFields.NumericLessThanEqualsPath] = Operand.Path,
        [AslFields.NumericGreaterThanEqualsPath] = Operand.Path,
        [AslFields.BooleanEquals] = Operand.Boolean,
        [AslFields.BooleanEqualsPath] = Operand.Path,
        [AslFields.TimestampEquals] = Operand.Timestamp,
        [AslFields.TimestampLessThan] = Operand.Timestamp,
        [AslFields.TimestampGreaterThan] = Operand.Timestamp,
        [AslFields.TimestampLessThanEquals] = Operand.Timestamp,
        [AslFields.TimestampGreaterThanEquals] = Operand.Timestamp,
        [AslFields.TimestampEqualsPath] = Operand.Path,
        [AslFields.TimestampLessThanPath] = Operand.Path,
        [AslFields.TimestampGreaterThanPath] = Operand.Path,
        [AslFields.TimestampLessThanEqualsPath] = Operand.Path,
        [AslFields.TimestampGreaterThanEqualsPath] = Operand.Path,
        [AslFields.IsNull] = Operand.TypeTest,
        [AslFields.IsPresent] = Operand.TypeTest,
        [AslFields.IsNumeric] = Operand.TypeTest,
        [AslFields.IsString] = Operand.TypeTest,
        [AslFields.IsBoolean] = Operand.TypeTest,
        [AslFields.IsTimestamp] = Operand.TypeTest,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    private static readonly FrozenSet<string> JsonataRuleFields = ValueChecks.Set(AslFields.Condition, AslFields.Next, AslFields.Assign, AslFields.Output, AslFields.Comment);

    /// <summary>Checks the rules; adds each top-level rule's Next to <paramref name="transitions"/>.</summary>
    public static void Check(ValidationContext ctx, JsonObject state, in PendingPointer statePointer, QueryLanguage language, ScopeTransitions transitions, int stateIndex)
    {
        if (ValueChecks.String(ctx, state, AslFields.Default, statePointer, nonEmpty: true) is { } defaultTarget)
        {
            transitions.Add(stateIndex, defaultTarget, AslFields.Default);
        }

        if (!state.TryGetValue(AslFields.Choices, out var choicesValue))
        {
            ctx.Schema("A Choice state is missing the required field 'Choices'.", statePointer);
            return;
        }

        var choicesPointer = statePointer.Append(AslFields.Choices);
        if (choicesValue is not JsonArray choices || choices.Count == 0)
        {
            ctx.Schema("The field 'Choices' must be a non-empty array of Choice rules.", choicesPointer);
            return;
        }

        var items = choices.Items;
        for (var i = 0; i < items.Length; i++)
        {
            var rulePointer = choicesPointer.Append(i);
            if (items[i] is not JsonObject rule)
            {
                ctx.Schema($"A Choice rule must be an object, not {items[i].KindName}.", rulePointer);
                continue;
            }

            if (ValueChecks.RequiredString(ctx, rule, AslFields.Next, rulePointer, "A top-level Choice rule") is { } next)
            {
                transitions.Add(stateIndex, next, AslFields.Choices, i, AslFields.Next);
            }

            TemplateRules.CheckAssign(ctx, rule, rulePointer, language);
            ValueChecks.String(ctx, rule, AslFields.Comment, rulePointer);
            if (language == QueryLanguage.Jsonata)
            {
                CheckJsonataRule(ctx, rule, rulePointer);
            }
            else
            {
                CheckJsonPathRule(ctx, rule, rulePointer);
            }
        }
    }

    private static void CheckJsonataRule(ValidationContext ctx, JsonObject rule, in PendingPointer pointer)
    {
        foreach (var member in rule.Members)
        {
            if (!JsonataRuleFields.Contains(member.Key))
            {
                var why = Operators.ContainsKey(member.Key) || member.Key is AslFields.Variable or AslFields.And or AslFields.Or or AslFields.Not
                    ? "is JSONPath-only; JSONata Choice rules use 'Condition'"
                    : "is not supported in a JSONata Choice rule";
                ctx.Schema($"The field '{ValueChecks.Truncate(member.Key)}' {why}.", pointer.Append(member.Key));
            }
        }

        if (!rule.TryGetValue(AslFields.Condition, out var condition))
        {
            ctx.Schema("A JSONata Choice rule is missing the required field 'Condition'.", pointer);
        }
        else if (!(condition is JsonBool || (condition is JsonString text && ValueChecks.IsJsonata(text.Value))))
        {
            ctx.Schema("The field 'Condition' must be a JSONata expression '{% ... %}' or a boolean.", pointer.Append(AslFields.Condition));
        }
    }

    private static void CheckJsonPathRule(ValidationContext ctx, JsonObject topRule, in PendingPointer topPointer)
    {
        if (ctx.SkipIfClean(topRule, BlockCheck.TopRule))
        {
            return;
        }

        var before = ctx.Count;
        var visited = ctx.VisitedRules;
        visited.Clear();
        var trail = ctx.RuleTrail.Reset(topPointer);
        var stack = ctx.RuleStack;
        stack.Clear();
        stack.Push((topRule, PointerTrail.Root, true));
        while (stack.Count > 0)
        {
            var (value, node, top) = stack.Pop();
            if (value is not JsonObject rule)
            {
                ctx.Schema($"A Choice rule must be an object, not {value.KindName}.", trail.PointerOf(node));
                continue;
            }

            var operators = 0;
            var combinators = 0;
            var hasVariable = false;
            foreach (var member in rule.Members)
            {
                var key = member.Key;
                var child = member.Value;

                // The structural fields first (a string switch), then the operator table: no operator has one of their names.
                switch (key)
                {
                    case AslFields.Variable:
                        hasVariable = true;
                        if (child is not JsonString variable || !variable.Value.StartsWith('$'))
                        {
                            ctx.Schema(
                                child is JsonString
                                    ? "Value is not a Reference Path: Reference path didn't start with '$' (field 'Variable')."
                                    : "The field 'Variable' must be a path string starting with '$'.",
                                trail.PointerOf(trail.AddMember(node, key)));
                        }

                        break;
                    case AslFields.And or AslFields.Or:
                        combinators++;
                        if (child is not JsonArray list || list.Count == 0)
                        {
                            ctx.Schema($"The field '{key}' must be a non-empty array of Choice rules.", trail.PointerOf(trail.AddMember(node, key)));
                            break;
                        }

                        var listNode = trail.AddMember(node, key);
                        var nested = list.Items;
                        for (var i = nested.Length - 1; i >= 0; i--)
                        {
                            if (!ctx.SkipIfClean(nested[i], BlockCheck.NestedRule))
                            {
                                visited.Add(nested[i]);
                                stack.Push((nested[i], trail.AddIndex(listNode, i), false));
                            }
                        }

                        break;
                    case AslFields.Not:
                        combinators++;
                        if (child is not JsonObject)
                        {
                            ctx.Schema("The field 'Not' must be a single Choice rule object.", trail.PointerOf(trail.AddMember(node, key)));
                            break;
                        }

                        if (!ctx.SkipIfClean(child, BlockCheck.NestedRule))
                        {
                            visited.Add(child);
                            stack.Push((child, trail.AddMember(node, key), false));
                        }

                        break;
                    case AslFields.Comment:
                        if (!top && child is not JsonString)
                        {
                            ctx.Schema("The field 'Comment' must be a string.", trail.PointerOf(trail.AddMember(node, key)));
                        }

                        break;
                    case AslFields.Next or AslFields.Assign:
                        if (!top)
                        {
                            ctx.Schema($"A nested Choice rule must not have '{key}'.", trail.PointerOf(trail.AddMember(node, key)));
                        }

                        break;
                    case AslFields.Condition or AslFields.Output:
                        ctx.Schema($"The field '{key}' is JSONata-only; set QueryLanguage to JSONata to use it.", trail.PointerOf(trail.AddMember(node, key)));
                        break;
                    default:
                        if (Operators.TryGetValue(key, out var operand))
                        {
                            operators++;
                            CheckOperand(ctx, key, operand, child, trail, node);
                            break;
                        }

                        ctx.Schema($"The field '{ValueChecks.Truncate(key)}' is not supported in a Choice rule.", trail.PointerOf(trail.AddMember(node, key)));
                        break;
                }
            }

            if (combinators > 1)
            {
                ctx.Schema("A Choice rule must use only one of 'And', 'Or' and 'Not'.", trail.PointerOf(node));
            }
            else if (combinators == 1)
            {
                if (hasVariable || operators > 0)
                {
                    ctx.Schema("A Choice rule with 'And', 'Or' or 'Not' must not also have 'Variable' or a comparison operator.", trail.PointerOf(node));
                }
            }
            else if (!hasVariable)
            {
                ctx.Schema("A Choice rule is missing 'Variable' (or 'And', 'Or', 'Not').", trail.PointerOf(node));
            }
            else if (operators == 0)
            {
                ctx.Schema("A Choice rule with 'Variable' needs exactly one comparison operator.", trail.PointerOf(node));
            }
            else if (operators > 1)
            {
                ctx.Schema("A Choice rule must have exactly one comparison operator.", trail.PointerOf(node));
            }
        }

        if (ctx.Count == before)
        {
            // The whole rule is clean, and so is every nested rule in it.
            ctx.MarkCleanSince(topRule, BlockCheck.TopRule, before);
            foreach (var rule in visited)
            {
                ctx.MarkCleanSince(rule, BlockCheck.NestedRule, before);
            }
        }
    }

    private static void CheckOperand(ValidationContext ctx, string op, Operand operand, JsonValue value, PointerTrail trail, int node)
    {
        string? problem = null;
        switch (operand)
        {
            case Operand.String:
                if (value is not JsonString text)
                {
                    problem = $"The operand of '{op}' must be a string, not {value.KindName}.";
                }
                else if (ValueChecks.LooksLikePath(text.Value) && ctx.ReportWarnings)
                {
                    ctx.Warning(
                        DiagnosticCodes.NoPath,
                        $"The operand of '{op}' looks like a path but is compared as a literal string; use '{op}Path' to compare with a path.",
                        trail.PointerOf(trail.AddMember(node, op)));
                }

                break;
            case Operand.Number:
                if (value is not JsonNumber)
                {
                    problem = $"The operand of '{op}' must be a number, not {value.KindName}.";
                }

                break;
            case Operand.Boolean or Operand.TypeTest:
                if (value is not JsonBool)
                {
                    problem = $"The operand of '{op}' must be a boolean, not {value.KindName}.";
                }

                break;
            case Operand.Timestamp:
                if (value is not JsonString timestamp || !Rfc3339.IsValid(timestamp.Value))
                {
                    problem = $"The operand of '{op}' must be an RFC 3339 timestamp string such as 2016-03-14T01:59:00Z.";
                }

                break;
            default:
                if (value is not JsonString path || !path.Value.StartsWith('$'))
                {
                    problem = value is JsonString
                        ? $"Value is not a Reference Path: Reference path didn't start with '$' (the operand of '{op}')."
                        : $"The operand of '{op}' must be a path string starting with '$'.";
                }

                break;
        }

        if (problem is not null)
        {
            ctx.Schema(problem, trail.PointerOf(trail.AddMember(node, op)));
        }
    }
}
