using StepFlow.Definition;
using StepFlow.Json;

namespace StepFlow.Parsing.Validation;

/// <summary>
/// Walks JSONPath payload templates (Parameters, ResultSelector, ItemSelector, ...), Pass <c>Result</c>
/// and Assign blocks without recursion, so inputs thousands of levels deep are safe.
/// </summary>
internal static class TemplateRules
{
    /// <summary>
    /// A JSONPath payload template: a <c>.$</c> key needs a path or intrinsic string (error otherwise);
    /// a plain key whose string looks like a path or intrinsic gets a NO_DOLLAR warning.
    /// </summary>
    public static void CheckPayloadTemplate(ValidationContext ctx, JsonValue template, in PendingPointer ownerPointer, string field)
    {
        if (ctx.SkipIfClean(template, BlockCheck.PayloadTemplate))
        {
            return;
        }

        var before = ctx.Count;
        Walk(ctx, template, ownerPointer, field, passResult: false);
        ctx.MarkCleanSince(template, BlockCheck.PayloadTemplate, before);
    }

    /// <summary>A Pass <c>Result</c> is static: every <c>.$</c> key inside it gets a PASS_RESULT_IS_STATIC warning.</summary>
    public static void CheckPassResult(ValidationContext ctx, JsonValue result, in PendingPointer ownerPointer, string field)
    {
        if (ctx.ReportWarnings && !ctx.SkipIfClean(result, BlockCheck.PassResult))
        {
            var before = ctx.Count;
            Walk(ctx, result, ownerPointer, field, passResult: true);
            ctx.MarkCleanSince(result, BlockCheck.PassResult, before);
        }
    }

    /// <summary>
    /// An Assign block: an object whose keys are variable names. In JSONPath states a key may end in
    /// <c>.$</c> and its values follow the payload template rules.
    /// </summary>
    public static void CheckAssign(ValidationContext ctx, JsonObject owner, in PendingPointer ownerPointer, QueryLanguage language)
    {
        if (!owner.TryGetValue(AslFields.Assign, out var value))
        {
            return;
        }

        if (value is not JsonObject assign)
        {
            ctx.Schema($"The field 'Assign' must be an object, not {value.KindName}.", ownerPointer.Append(AslFields.Assign));
            return;
        }

        foreach (var member in assign.Members)
        {
            var name = member.Key;
            if (language == QueryLanguage.JsonPath && name.EndsWith(".$", StringComparison.Ordinal))
            {
                name = name[..^2];
            }

            var problem = NameRules.VariableNameProblem(name);
            if (problem is not null)
            {
                ctx.Schema(problem, ownerPointer.Append(AslFields.Assign).Append(member.Key));
            }
        }

        if (language == QueryLanguage.JsonPath)
        {
            Walk(ctx, assign, ownerPointer, AslFields.Assign, passResult: false);
        }
    }

    private static void Walk(ValidationContext ctx, JsonValue root, in PendingPointer ownerPointer, string field, bool passResult)
    {
        if (root is not JsonObject and not JsonArray)
        {
            return;
        }

        var trail = ctx.TemplateTrail.Reset(ownerPointer);
        var stack = ctx.TemplateStack;
        stack.Clear();
        stack.Push((root, trail.AddMember(PointerTrail.Root, field)));
        while (stack.Count > 0)
        {
            var (value, node) = stack.Pop();
            if (value is JsonArray array)
            {
                var items = array.Items;
                for (var i = items.Length - 1; i >= 0; i--)
                {
                    if (items[i] is JsonObject or JsonArray)
                    {
                        stack.Push((items[i], trail.AddIndex(node, i)));
                    }
                }

                continue;
            }

            var members = ((JsonObject)value).Members;
            for (var i = members.Length - 1; i >= 0; i--)
            {
                var (key, child) = (members[i].Key, members[i].Value);
                var dynamic = key.EndsWith(".$", StringComparison.Ordinal);
                if (passResult)
                {
                    if (dynamic)
                    {
                        ctx.Warning(
                            DiagnosticCodes.PassResultIsStatic,
                            $"The key '{ValueChecks.Truncate(key)}' is inside a Pass state's Result, which is static: the path is not evaluated.",
                            trail.PointerOf(trail.AddMember(node, key)));
                    }
                }
                else if (dynamic)
                {
                    // AWS reports a bad '.$' value at the template object that holds the key; the message names the key.
                    if (child is not JsonString text)
                    {
                        ctx.Schema(
                            $"The value for the field '{ValueChecks.Truncate(key)}' must be a valid JSONPath or a valid intrinsic function call: found {child.KindName}, not a string.",
                            trail.PointerOf(node));
                        continue;
                    }

                    if (!text.Value.StartsWith('$') && !text.Value.StartsWith("States.", StringComparison.Ordinal))
                    {
                        ctx.Schema(
                            $"The value for the field '{ValueChecks.Truncate(key)}' must be a valid JSONPath or a valid intrinsic function call: '{ValueChecks.Truncate(text.Value)}' starts with neither '$' nor 'States.'.",
                            trail.PointerOf(node));
                    }

                    continue;
                }
                else if (child is JsonString literal && ctx.ReportWarnings &&
                    (ValueChecks.LooksLikePath(literal.Value) || ValueChecks.LooksLikeIntrinsic(literal.Value)))
                {
                    ctx.Warning(
                        DiagnosticCodes.NoDollar,
                        $"The value of '{ValueChecks.Truncate(key)}' looks like a path or intrinsic function but the key does not end in '.$', so it is a literal string.",
                        trail.PointerOf(trail.AddMember(node, key)));
                }

                if (child is JsonObject or JsonArray)
                {
                    stack.Push((child, trail.AddMember(node, key)));
                }
            }
        }
    }
}
