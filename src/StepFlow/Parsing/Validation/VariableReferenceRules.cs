using System.Collections.Frozen;
using StepFlow.Json;

namespace StepFlow.Parsing.Validation;

/// <summary>
/// F-VAR-09: reports a workflow variable that a state reads but that no <c>Assign</c> anywhere in the
/// state machine assigns. Deliberately conservative: a name assigned anywhere (any scope, any state,
/// rule or catcher) counts as assigned everywhere, and whatever cannot be read with certainty as a
/// variable reference is not reported. Walks with explicit stacks, never by recursion.
/// </summary>
internal static class VariableReferenceRules
{
    /// <summary>Payload templates of JSONPath states: only their <c>.$</c> values are evaluated.</summary>
    private static readonly FrozenSet<string> TemplateFields = ValueChecks.Set(
        "Parameters", "ResultSelector", "ItemSelector", "Assign", "Arguments", "Output", "Credentials", "BatchInput");

    /// <summary>Sub-machines: their states are walked as states of their own.</summary>
    private static readonly FrozenSet<string> SubMachineFields = ValueChecks.Set("Branches", "ItemProcessor", "Iterator");

    /// <summary>JSONata built-in functions (standard and AWS's), which may be passed without a call.</summary>
    private static readonly FrozenSet<string> JsonataFunctions = ValueChecks.Set(
        "sum", "count", "max", "min", "average", "string", "substring", "substringBefore", "substringAfter",
        "lowercase", "uppercase", "length", "trim", "pad", "contains", "split", "join", "match", "replace",
        "now", "millis", "fromMillis", "toMillis", "formatNumber", "formatBase", "formatInteger", "parseInteger",
        "number", "abs", "floor", "ceil", "round", "power", "sqrt", "random", "boolean", "not", "exists",
        "append", "sort", "reverse", "shuffle", "distinct", "zip", "keys", "lookup", "spread", "merge", "sift",
        "each", "error", "assert", "type", "map", "filter", "single", "reduce", "base64encode", "base64decode",
        "encodeUrlComponent", "encodeUrl", "decodeUrlComponent", "decodeUrl", "eval", "clone",
        "partition", "range", "hash", "uuid", "parse");

    public static void Validate(ValidationContext ctx, JsonValue definition)
    {
        if (definition is not JsonObject root)
        {
            return;
        }

        var assigned = CollectAssigned(definition);
        var rootLanguage = root.TryGetValue("QueryLanguage", out var ql) && ql is JsonString qls
            && StateTypes.TryParseQueryLanguage(qls.Value, out var parsed) ? parsed : QueryLanguageMode.JsonPath;

        var trail = new PointerTrail(string.Empty);
        var machines = new Stack<(JsonValue Machine, int Node, QueryLanguageMode Language)>();
        var values = new Stack<(JsonValue Value, int Node, string? Key, bool InTemplate)>();
        var found = new List<string>();
        machines.Push((root, PointerTrail.Root, rootLanguage));
        var reports = new List<(int Node, string Name)>();
        while (machines.Count > 0)
        {
            var (machineValue, machineNode, inherited) = machines.Pop();
            if (machineValue is not JsonObject machine || !machine.TryGetValue("States", out var statesValue) || statesValue is not JsonObject states)
            {
                continue;
            }

            var statesNode = trail.AddMember(machineNode, "States");
            foreach (var (stateName, stateValue) in states)
            {
                if (stateValue is not JsonObject state)
                {
                    continue;
                }

                var stateNode = trail.AddMember(statesNode, stateName);
                var language = state.TryGetValue("QueryLanguage", out var sql) && sql is JsonString sqls
                    && StateTypes.TryParseQueryLanguage(sqls.Value, out var stateLanguage) ? stateLanguage : inherited;
                foreach (var (field, value) in state)
                {
                    var fieldNode = trail.AddMember(stateNode, field);
                    if (SubMachineFields.Contains(field))
                    {
                        if (value is JsonArray branches)
                        {
                            for (var i = branches.Count - 1; i >= 0; i--)
                            {
                                machines.Push((branches[i], trail.AddIndex(fieldNode, i), language));
                            }
                        }
                        else
                        {
                            machines.Push((value, fieldNode, language));
                        }

                        continue;
                    }

                    if (field is "Comment" or "Type" or "QueryLanguage" or "Result")
                    {
                        continue;
                    }

                    values.Push((value, fieldNode, field, TemplateFields.Contains(field)));
                }

                WalkValues(values, trail, language, found, reports);
            }
        }

        foreach (var (node, name) in reports)
        {
            if (!assigned.Contains(name))
            {
                ctx.Warning(
                    DiagnosticCodes.SchemaValidationFailed,
                    $"The variable '${name}' is referenced, but no Assign in the state machine assigns it.",
                    trail.PointerOf(node));
            }
        }
    }

    private static void WalkValues(
        Stack<(JsonValue Value, int Node, string? Key, bool InTemplate)> values,
        PointerTrail trail,
        QueryLanguageMode language,
        List<string> found,
        List<(int Node, string Name)> reports)
    {
        while (values.Count > 0)
        {
            var (value, node, key, inTemplate) = values.Pop();
            switch (value)
            {
                case JsonObject obj:
                    for (var i = obj.Count - 1; i >= 0; i--)
                    {
                        var (name, member) = obj[i];
                        values.Push((member, trail.AddMember(node, name), name, inTemplate || TemplateFields.Contains(name)));
                    }

                    break;
                case JsonArray array:
                    for (var i = array.Count - 1; i >= 0; i--)
                    {
                        values.Push((array[i], trail.AddIndex(node, i), null, inTemplate));
                    }

                    break;
                case JsonString text:
                    found.Clear();
                    if (language == QueryLanguageMode.Jsonata)
                    {
                        JsonataReferences(text.Value, found);
                    }
                    else if (key is not null && IsJsonPathEvaluated(key, inTemplate))
                    {
                        JsonPathReferences(text.Value, found);
                    }

                    foreach (var name in found)
                    {
                        reports.Add((node, name));
                    }

                    break;
            }
        }
    }

    private static bool IsJsonPathEvaluated(string key, bool inTemplate)
    {
        if (key.EndsWith(".$", StringComparison.Ordinal))
        {
            return true;
        }

        return !inTemplate
            && (key == "Variable" || (key.EndsWith("Path", StringComparison.Ordinal) && key != "ResultPath"));
    }

    /// <summary>Every key of every <c>Assign</c> object anywhere in the definition (a JSONPath <c>.$</c> suffix stripped).</summary>
    private static HashSet<string> CollectAssigned(JsonValue definition)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        var stack = new Stack<JsonValue>();
        stack.Push(definition);
        while (stack.Count > 0)
        {
            switch (stack.Pop())
            {
                case JsonObject obj:
                    foreach (var (name, member) in obj)
                    {
                        if (name == "Assign" && member is JsonObject assign)
                        {
                            foreach (var (variable, _) in assign)
                            {
                                names.Add(variable.EndsWith(".$", StringComparison.Ordinal) ? variable[..^2] : variable);
                            }
                        }

                        stack.Push(member);
                    }

                    break;
                case JsonArray array:
                    foreach (var item in array)
                    {
                        stack.Push(item);
                    }

                    break;
            }
        }

        return names;
    }

    /// <summary>
    /// A JSONPath path (<c>$name…</c>) or intrinsic call whose path arguments start with <c>$name</c>.
    /// <c>$.x</c>, <c>$[0]</c> and <c>$$.x</c> are not variables.
    /// </summary>
    internal static void JsonPathReferences(string text, List<string> found)
    {
        var s = text.Trim();
        if (s.StartsWith("States.", StringComparison.Ordinal))
        {
            var previous = '\0';
            for (var i = 0; i < s.Length; i++)
            {
                var c = s[i];
                if (c == '\'')
                {
                    // Skip a string literal, with its backslash escapes.
                    for (i++; i < s.Length && s[i] != '\''; i++)
                    {
                        if (s[i] == '\\')
                        {
                            i++;
                        }
                    }

                    previous = '\'';
                    continue;
                }

                if (c == '$' && previous is '(' or ',')
                {
                    AddName(s, i + 1, found);
                }

                if (!char.IsWhiteSpace(c))
                {
                    previous = c;
                }
            }

            return;
        }

        if (s.Length > 1 && s[0] == '$')
        {
            AddName(s, 1, found);
        }
    }

    /// <summary>
    /// <c>$name</c> tokens inside a <c>{% %}</c> expression, skipping function calls, built-in functions,
    /// <c>$states</c>, string literals, comments, backquoted names and every name bound in the expression.
    /// </summary>
    internal static void JsonataReferences(string text, List<string> found)
    {
        var s = text.Trim();
        if (s.Length < 4 || !s.StartsWith("{%", StringComparison.Ordinal) || !s.EndsWith("%}", StringComparison.Ordinal))
        {
            return;
        }

        s = s[2..^2];
        var candidates = new List<string>();
        var bound = new HashSet<string>(StringComparer.Ordinal);
        var inFunctionParameters = false;
        for (var i = 0; i < s.Length; i++)
        {
            var c = s[i];
            if (c is '"' or '\'' or '`')
            {
                for (i++; i < s.Length && s[i] != c; i++)
                {
                    if (s[i] == '\\' && c != '`')
                    {
                        i++;
                    }
                }

                continue;
            }

            if (c == '/' && i + 1 < s.Length && s[i + 1] == '*')
            {
                var end = s.IndexOf("*/", i + 2, StringComparison.Ordinal);
                i = end < 0 ? s.Length : end + 1;
                continue;
            }

            if (IsWordAt(s, i, "function") || IsWordAt(s, i, "λ"))
            {
                inFunctionParameters = true;
                continue;
            }

            if (inFunctionParameters && c == ')')
            {
                inFunctionParameters = false;
                continue;
            }

            if (c != '$')
            {
                continue;
            }

            if (i + 1 < s.Length && s[i + 1] == '$')
            {
                i++;
                continue;
            }

            var start = i + 1;
            var stop = start;
            if (stop < s.Length && IsNameStart(s[stop]))
            {
                stop++;
                while (stop < s.Length && IsNamePart(s[stop]))
                {
                    stop++;
                }
            }

            if (stop == start)
            {
                continue;
            }

            var name = s[start..stop];
            var before = PreviousNonSpace(s, i - 1);
            var after = NextNonSpace(s, stop);
            if (inFunctionParameters || before is '#' or '@' || Follows(s, stop, ":="))
            {
                bound.Add(name);
            }
            else if (after != '(' && name != "states" && !JsonataFunctions.Contains(name) && (i == 0 || s[i - 1] != '\\'))
            {
                candidates.Add(name);
            }

            i = stop - 1;
        }

        foreach (var name in candidates)
        {
            if (!bound.Contains(name) && !found.Contains(name))
            {
                found.Add(name);
            }
        }
    }

    private static void AddName(string s, int start, List<string> found)
    {
        if (start >= s.Length || !IsNameStart(s[start]))
        {
            return;
        }

        var stop = start + 1;
        while (stop < s.Length && IsNamePart(s[stop]))
        {
            stop++;
        }

        var name = s[start..stop];
        if (!found.Contains(name))
        {
            found.Add(name);
        }
    }

    private static bool IsNameStart(char c) => char.IsLetter(c) || c == '_';

    private static bool IsNamePart(char c) => char.IsLetterOrDigit(c) || c == '_';

    private static bool IsWordAt(string s, int i, string word) =>
        string.CompareOrdinal(s, i, word, 0, word.Length) == 0
        && (i == 0 || !IsNamePart(s[i - 1]))
        && (i + word.Length >= s.Length || !IsNamePart(s[i + word.Length]));

    private static bool Follows(string s, int from, string token)
    {
        while (from < s.Length && char.IsWhiteSpace(s[from]))
        {
            from++;
        }

        return string.CompareOrdinal(s, from, token, 0, token.Length) == 0;
    }

    private static char PreviousNonSpace(string s, int i)
    {
        while (i >= 0 && char.IsWhiteSpace(s[i]))
        {
            i--;
        }

        return i >= 0 ? s[i] : '\0';
    }

    private static char NextNonSpace(string s, int i)
    {
        while (i < s.Length && char.IsWhiteSpace(s[i]))
        {
            i++;
        }

        return i < s.Length ? s[i] : '\0';
    }
}
