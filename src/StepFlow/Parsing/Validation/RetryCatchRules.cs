using System.Collections.Frozen;
using StepFlow.Definition;
using StepFlow.Json;

namespace StepFlow.Parsing.Validation;

/// <summary>Checks Retry (retriers) and Catch (catchers) arrays.</summary>
internal static class RetryCatchRules
{
    private const string StatesAll = "States.ALL";

    private static readonly FrozenSet<string> RetrierFields =
        ValueChecks.Set(AslFields.ErrorEquals, AslFields.IntervalSeconds, AslFields.MaxAttempts, AslFields.BackoffRate, AslFields.MaxDelaySeconds, AslFields.JitterStrategy, AslFields.Comment);

    private static readonly FrozenSet<string> JitterStrategies = ValueChecks.Set("FULL", "NONE");

    public static void CheckRetry(ValidationContext ctx, JsonObject state, in PendingPointer statePointer)
    {
        if (!state.TryGetValue(AslFields.Retry, out var value))
        {
            return;
        }

        var pointer = statePointer.Append(AslFields.Retry);
        if (value is not JsonArray retriers)
        {
            ctx.Schema($"The field 'Retry' must be an array of retriers, not {value.KindName}.", pointer);
            return;
        }

        if (ctx.SkipIfClean(retriers, BlockCheck.Retry))
        {
            return;
        }

        var before = ctx.Count;
        var items = retriers.Items;
        for (var i = 0; i < items.Length; i++)
        {
            var itemPointer = pointer.Append(i);
            if (items[i] is not JsonObject retrier)
            {
                ctx.Schema($"A retrier must be an object, not {items[i].KindName}.", itemPointer);
                continue;
            }

            ValueChecks.OnlyFields(ctx, retrier, itemPointer, RetrierFields, "a retrier");
            CheckErrorEquals(ctx, retrier, itemPointer, isLast: i == items.Length - 1, "retrier");
            ValueChecks.Integer(ctx, retrier, AslFields.IntervalSeconds, itemPointer, 1, ValueChecks.MaxSeconds, allowJsonata: false);
            ValueChecks.Integer(ctx, retrier, AslFields.MaxAttempts, itemPointer, 0, ValueChecks.MaxSeconds, allowJsonata: false);
            ValueChecks.Number(ctx, retrier, AslFields.BackoffRate, itemPointer, 1.0, double.MaxValue, allowJsonata: false);
            ValueChecks.Integer(ctx, retrier, AslFields.MaxDelaySeconds, itemPointer, 1, ValueChecks.MaxSeconds, allowJsonata: false);
            ValueChecks.Enum(ctx, retrier, AslFields.JitterStrategy, itemPointer, JitterStrategies);
            ValueChecks.String(ctx, retrier, AslFields.Comment, itemPointer);
        }

        ctx.MarkCleanSince(retriers, BlockCheck.Retry, before);
    }

    public static void CheckCatch(
        ValidationContext ctx, JsonObject state, in PendingPointer statePointer, QueryLanguage language, ScopeTransitions transitions, int stateIndex)
    {
        if (!state.TryGetValue(AslFields.Catch, out var value))
        {
            return;
        }

        var pointer = statePointer.Append(AslFields.Catch);
        if (value is not JsonArray catchers)
        {
            ctx.Schema($"The field 'Catch' must be an array of catchers, not {value.KindName}.", pointer);
            return;
        }

        var items = catchers.Items;
        var jsonPath = language == QueryLanguage.JsonPath;
        if (jsonPath && ctx.SkipIfClean(catchers, BlockCheck.JsonPathCatch))
        {
            // Checked clean before: every catcher is an object with a non-empty Next, which this state still transitions to.
            for (var i = 0; i < items.Length; i++)
            {
                transitions.Add(stateIndex, ((JsonString)((JsonObject)items[i])[AslFields.Next]).Value, AslFields.Catch, i, AslFields.Next);
            }

            return;
        }

        var before = ctx.Count;
        for (var i = 0; i < items.Length; i++)
        {
            var itemPointer = pointer.Append(i);
            if (items[i] is not JsonObject catcher)
            {
                ctx.Schema($"A catcher must be an object, not {items[i].KindName}.", itemPointer);
                continue;
            }

            foreach (var member in catcher.Members)
            {
                switch (member.Key)
                {
                    case AslFields.ErrorEquals or AslFields.Next or AslFields.Assign or AslFields.Comment:
                        break;
                    case AslFields.ResultPath when language == QueryLanguage.JsonPath:
                        break;
                    case AslFields.Output when language == QueryLanguage.Jsonata:
                        break;
                    case AslFields.ResultPath or AslFields.Output:
                        ctx.Schema(
                            $"The field '{member.Key}' is not supported in {StateTypes.Name(language)} catchers.",
                            itemPointer.Append(member.Key));
                        break;
                    default:
                        ctx.Schema($"The field '{ValueChecks.Truncate(member.Key)}' is not supported in a catcher.", itemPointer.Append(member.Key));
                        break;
                }
            }

            CheckErrorEquals(ctx, catcher, itemPointer, isLast: i == items.Length - 1, "catcher");
            if (ValueChecks.RequiredString(ctx, catcher, AslFields.Next, itemPointer, "A catcher") is { } next)
            {
                transitions.Add(stateIndex, next, AslFields.Catch, i, AslFields.Next);
            }

            if (language == QueryLanguage.JsonPath)
            {
                ValueChecks.Path(ctx, catcher, AslFields.ResultPath, itemPointer, allowNull: true);
            }

            TemplateRules.CheckAssign(ctx, catcher, itemPointer, language);
            ValueChecks.String(ctx, catcher, AslFields.Comment, itemPointer);
        }

        if (jsonPath)
        {
            ctx.MarkCleanSince(catchers, BlockCheck.JsonPathCatch, before);
        }
    }

    private static void CheckErrorEquals(ValidationContext ctx, JsonObject owner, in PendingPointer ownerPointer, bool isLast, string what)
    {
        if (!owner.TryGetValue(AslFields.ErrorEquals, out var value))
        {
            ctx.Schema($"A {what} is missing the required field 'ErrorEquals'.", ownerPointer);
            return;
        }

        if (value is not JsonArray errors || errors.Count == 0)
        {
            ctx.Schema("The field 'ErrorEquals' must be a non-empty array of error names.", ownerPointer.Append(AslFields.ErrorEquals));
            return;
        }

        var hasAll = false;
        var items = errors.Items;
        for (var i = 0; i < items.Length; i++)
        {
            if (items[i] is not JsonString name || name.Value.Length == 0)
            {
                ctx.Schema("An error name must be a non-empty string.", ownerPointer.Append(AslFields.ErrorEquals).Append(i));
            }
            else if (string.Equals(name.Value, StatesAll, StringComparison.Ordinal))
            {
                hasAll = true;
            }
        }

        if (hasAll && items.Length > 1)
        {
            ctx.Schema($"'{StatesAll}' must appear alone in its ErrorEquals.", ownerPointer.Append(AslFields.ErrorEquals));
        }

        if (hasAll && !isLast)
        {
            ctx.Schema($"A {what} with '{StatesAll}' must be the last one.", ownerPointer.Append(AslFields.ErrorEquals));
        }
    }
}
