using System.Collections.Frozen;
using StepFlow.Definition;
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

    /// <summary>
    /// False when the definition text cannot hold a variable reference: every reference is a <c>$</c> directly
    /// followed by a letter or <c>_</c> inside a string, and the text has neither that nor a <c>\u</c> escape
    /// (which could spell one). Lets a parse from text skip this rule's walk; a quick scan of the text.
    /// </summary>
    public static bool MayReferenceVariables(ReadOnlySpan<char> text)
    {
        // One pass over the text: a '$' that starts a name, or any \u escape (which could spell one).
        var offset = 0;
        while (true)
        {
            var found = text[offset..].IndexOfAny('$', '\\');
            if (found < 0)
            {
                return false;
            }

            offset += found + 1;
            if (offset < text.Length && (text[offset - 1] == '$' ? IsNameStart(text[offset]) : text[offset] == 'u'))
            {
                return true;
            }

            if (text[offset - 1] == '\\')
            {
                // Skip the escaped character, so that "\\u" is not taken for an escape.
                offset++;
                if (offset >= text.Length)
                {
                    return false;
                }
            }
        }
    }

    public static void Validate(ValidationContext ctx, JsonValue definition)
    {
        // The rule only ever reports warnings: when they are not wanted there is nothing to do.
        if (!ctx.ReportWarnings || definition is not JsonObject root)
        {
            return;
        }

        var rootLanguage = root.TryGetValue(AslFields.QueryLanguage, out var ql) && ql is JsonString qls
            && StateTypes.TryParseQueryLanguage(qls.Value, out var parsed) ? parsed : QueryLanguage.JsonPath;

        var walk = Walk.Rent(ctx);
        try
        {
            walk.Run(root, rootLanguage);
        }
        finally
        {
            Walk.Return(walk);
        }
    }

    /// <summary>
    /// One run of the rule. The values of a state's field are walked depth-first with one frame per open
    /// object or array, so the frames on the stack are the path to the current value: nothing is allocated
    /// per value, and a JSON Pointer is written only for a reported reference. Diagnostics come in the order
    /// of the earlier two-stack walk: sub-machines last in, first out; a state's fields last to first; the
    /// members and items of a field first to last, depth-first.
    /// </summary>
    private sealed class Walk
    {
        [ThreadStatic]
        private static Walk? _cached;

        private readonly Stack<(JsonValue Machine, string Pointer, QueryLanguage Language)> _machines = new();
        private readonly List<string> _found = [];
        private Frame[] _frames = new Frame[16];
        private ValidationContext _ctx = null!;
        private HashSet<string>? _assigned;
        private JsonValue _definition = null!;

        public static Walk Rent(ValidationContext ctx)
        {
            var walk = _cached ?? new Walk();
            _cached = null;
            walk._ctx = ctx;
            return walk;
        }

        public static void Return(Walk walk)
        {
            walk._machines.Clear();
            walk._found.Clear();
            Array.Clear(walk._frames);
            if (walk._frames.Length > 1024)
            {
                walk._frames = new Frame[16];
            }

            walk._ctx = null!;
            walk._assigned = null;
            walk._definition = null!;
            _cached = walk;
        }

        public void Run(JsonObject root, QueryLanguage rootLanguage)
        {
            _definition = root;
            _machines.Push((root, string.Empty, rootLanguage));
            while (_machines.Count > 0)
            {
                var (machineValue, machinePointer, inherited) = _machines.Pop();
                if (machineValue is not JsonObject machine || !machine.TryGetValue(AslFields.States, out var statesValue) || statesValue is not JsonObject states)
                {
                    continue;
                }

                foreach (var (stateName, stateValue) in states.Members)
                {
                    if (stateValue is not JsonObject state)
                    {
                        continue;
                    }

                    var language = state.TryGetValue(AslFields.QueryLanguage, out var sql) && sql is JsonString sqls
                        && StateTypes.TryParseQueryLanguage(sqls.Value, out var stateLanguage) ? stateLanguage : inherited;
                    var fields = state.Members;

                    // Sub-machines are taken in field order; the other fields are walked last to first.
                    foreach (var (field, value) in fields)
                    {
                        if (field is AslFields.Branches or AslFields.ItemProcessor or AslFields.Iterator)
                        {
                            var fieldPointer = JsonPointer.Append(JsonPointer.Append(JsonPointer.Append(machinePointer, AslFields.States), stateName), field);
                            if (value is JsonArray branches)
                            {
                                for (var i = branches.Count - 1; i >= 0; i--)
                                {
                                    _machines.Push((branches[i], JsonPointer.Append(fieldPointer, i), language));
                                }
                            }
                            else
                            {
                                _machines.Push((value, fieldPointer, language));
                            }
                        }
                    }

                    for (var f = fields.Length - 1; f >= 0; f--)
                    {
                        var (field, value) = fields[f];
                        if (field is AslFields.Branches or AslFields.ItemProcessor or AslFields.Iterator or AslFields.Comment or AslFields.Type or AslFields.QueryLanguage or AslFields.Result)
                        {
                            continue;
                        }

                        WalkField(machinePointer, stateName, field, value, language);
                    }
                }
            }
        }

        /// <summary>Walks one field's value; frame 0 is the field itself.</summary>
        private void WalkField(string machinePointer, string stateName, string field, JsonValue value, QueryLanguage language)
        {
            var inTemplate = IsTemplateField(field);
            if (value is JsonString fieldText)
            {
                Check(fieldText.Value, field, inTemplate, language, machinePointer, stateName, 0, field, -1);
                return;
            }

            if (value is not (JsonObject or JsonArray))
            {
                return;
            }

            var frames = _frames;
            frames[0] = new Frame(value, field, -1, inTemplate);
            var depth = 1;
            while (depth > 0)
            {
                ref var top = ref frames[depth - 1];
                string? key;
                JsonValue child;
                int index;
                bool childInTemplate;
                if (top.Value is JsonObject obj)
                {
                    if (top.Next >= obj.Count)
                    {
                        frames[--depth] = default;
                        continue;
                    }

                    index = -1;
                    (key, child) = obj[top.Next++];
                    childInTemplate = top.InTemplate || IsTemplateField(key);
                }
                else
                {
                    var array = (JsonArray)top.Value;
                    if (top.Next >= array.Count)
                    {
                        frames[--depth] = default;
                        continue;
                    }

                    index = top.Next++;
                    key = null;
                    child = array[index];
                    childInTemplate = top.InTemplate;
                }

                if (child is JsonString text)
                {
                    Check(text.Value, key, childInTemplate, language, machinePointer, stateName, depth, key, index);
                }
                else if (child is JsonObject or JsonArray)
                {
                    if (depth == frames.Length)
                    {
                        Array.Resize(ref _frames, frames.Length * 2);
                        frames = _frames;
                    }

                    frames[depth++] = new Frame(child, key, index, childInTemplate);
                }
            }
        }

        /// <summary>Reports the unassigned variables a string reads; <paramref name="depth"/> frames lead to it.</summary>
        private void Check(
            string text, string? key, bool inTemplate, QueryLanguage language, string machinePointer, string stateName, int depth, string? name, int index)
        {
            var found = _found;
            found.Clear();
            if (language == QueryLanguage.Jsonata)
            {
                if (text.Contains('$', StringComparison.Ordinal))
                {
                    JsonataReferences(text, found);
                }
            }
            else if (key is not null && IsJsonPathEvaluated(key, inTemplate) && text.Contains('$', StringComparison.Ordinal))
            {
                JsonPathReferences(text, found);
            }

            foreach (var variable in found)
            {
                _assigned ??= CollectAssigned(_definition);
                if (!_assigned.Contains(variable))
                {
                    _ctx.Warning(
                        DiagnosticCodes.SchemaValidationFailed,
                        $"The variable '${variable}' is referenced, but no Assign in the state machine assigns it.",
                        PointerOf(machinePointer, stateName, depth, name, index));
                }
            }
        }

        private string PointerOf(string machinePointer, string stateName, int depth, string? name, int index)
        {
            var pointer = JsonPointer.Append(JsonPointer.Append(machinePointer, AslFields.States), stateName);
            for (var i = 0; i < depth; i++)
            {
                pointer = Append(pointer, _frames[i].Name, _frames[i].Index);
            }

            return depth == 0 ? JsonPointer.Append(pointer, name!) : Append(pointer, name, index);
        }

        private static string Append(string pointer, string? name, int index) =>
            name is null ? JsonPointer.Append(pointer, index) : JsonPointer.Append(pointer, name);

        /// <summary>An open object or array: its name (or index) in its parent and the next member or item to visit.</summary>
        private struct Frame(JsonValue value, string? name, int index, bool inTemplate)
        {
            public readonly JsonValue Value = value;
            public readonly string? Name = name;
            public readonly int Index = index;
            public readonly bool InTemplate = inTemplate;
            public int Next;
        }
    }

    /// <summary>Payload templates of JSONPath states: only their <c>.$</c> values are evaluated.</summary>
    private static bool IsTemplateField(string name) =>
        name is AslFields.Parameters or AslFields.ResultSelector or AslFields.ItemSelector or AslFields.Assign or AslFields.Arguments or AslFields.Output or AslFields.Credentials or AslFields.BatchInput;

    private static bool IsJsonPathEvaluated(string key, bool inTemplate)
    {
        if (key.EndsWith(".$", StringComparison.Ordinal))
        {
            return true;
        }

        return !inTemplate
            && (key == AslFields.Variable || (key.EndsWith("Path", StringComparison.Ordinal) && key != AslFields.ResultPath));
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
                        if (name == AslFields.Assign && member is JsonObject assign)
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
