using System.Collections.Frozen;
using StepFlow.Definition;
using StepFlow.Definition.Choice;
using StepFlow.Intrinsics;
using StepFlow.Json;
using StepFlow.Paths;

namespace StepFlow.Parsing;

/// <content>Compiles paths, payload templates and Choice conditions.</content>
internal sealed partial class StateMachineBuilder
{
    /// <summary>
    /// Every Choice rule field that names a comparison: each operator by its name and, where a path operand is allowed,
    /// by its name + <c>Path</c> (not the type tests, not StringMatches).
    /// </summary>
    private static readonly FrozenDictionary<string, (ComparisonOperator Op, bool IsPath)> OperatorFields = BuildOperatorFields();

    private static FrozenDictionary<string, (ComparisonOperator Op, bool IsPath)> BuildOperatorFields()
    {
        var fields = new Dictionary<string, (ComparisonOperator, bool)>(StringComparer.Ordinal);
        foreach (var op in Enum.GetValues<ComparisonOperator>())
        {
            fields[op.ToString()] = (op, false);
        }

        foreach (var op in Enum.GetValues<ComparisonOperator>())
        {
            var name = op + "Path";
            if (op < ComparisonOperator.IsNull && op != ComparisonOperator.StringMatches && !fields.ContainsKey(name))
            {
                fields[name] = (op, true);
            }
        }

        return fields.ToFrozenDictionary(StringComparer.Ordinal);
    }

    /// <summary>The deepest payload template node compiled; deeper ones are reported.</summary>
    private const int MaxTemplateDepth = 200;

    /// <summary>The deepest Choice rule compiled (a top-level rule is 1, a rule in its And, Or or Not 2, …); deeper ones are reported.</summary>
    internal const int MaxConditionDepth = 100;

    /// <summary>How deep the Choice rule being compiled is.</summary>
    private int _conditionDepth;

    /// <summary>A Reference Path field whose pointer <paramref name="pointer"/> already names the field.</summary>
    private JsonPath? CompilePath(string text, in PendingPointer pointer) => CompilePathEntry(text, pointer, null, PathRole.ReferencePath)?.Path;

    /// <summary>As <see cref="CompilePath(string, in PendingPointer)"/> for the Reference Path field <paramref name="field"/> of <paramref name="owner"/>.</summary>
    private JsonPath? CompilePath(string text, in PendingPointer owner, string field) => CompilePathEntry(text, owner, field, PathRole.ReferencePath)?.Path;

    /// <summary>
    /// The compiled path for <paramref name="text"/> with its I/O and ResultPath specs (shared by every use), or null
    /// when invalid. The problem is reported as AWS does for the <paramref name="role"/>: SCHEMA_VALIDATION_FAILED at
    /// <paramref name="pointer"/>, or at its member <paramref name="field"/> when given (a template value is reported at
    /// its template object, <paramref name="pointer"/>, and <paramref name="field"/> is its key).
    /// </summary>
    private CompiledPath? CompilePathEntry(string text, in PendingPointer pointer, string? field, PathRole role)
    {
        if (_paths.TryGetValue(text, out var entry))
        {
            return entry;
        }

        if (JsonPath.TryParse(text, out var path, out var error))
        {
            entry = new CompiledPath(path);
            _paths.Add(text, entry);
            return entry;
        }

        // AWS's words first; the parser's explanation (it quotes the path and names the position) after them.
        switch (role)
        {
            case PathRole.TemplateValue:
                Error(DiagnosticCodes.SchemaValidationFailed, $"{TemplateValueMessage(field!)} {error}", pointer);
                break;
            case PathRole.Path:
                Error(DiagnosticCodes.SchemaValidationFailed, $"Value must be a valid JSONPath. {error}", field is null ? pointer : pointer.Append(field));
                break;
            default:
                Error(DiagnosticCodes.SchemaValidationFailed, $"Value is not a Reference Path: {error}", field is null ? pointer : pointer.Append(field));
                break;
        }

        return null;
    }

    /// <summary>AWS's words for a <c>.$</c> value that is neither a path nor an intrinsic call, reported at the template object.</summary>
    private static string TemplateValueMessage(string key) =>
        $"The value for the field '{Validation.ValueChecks.Truncate(key)}' must be a valid JSONPath or a valid intrinsic function call:";

    /// <summary>
    /// The compiled call, or null when it does not compile (syntax, unknown function, wrong argument count, a bad path
    /// argument), reported as SCHEMA_VALIDATION_FAILED at <paramref name="pointer"/> with <paramref name="lead"/> before
    /// the parser's explanation.
    /// </summary>
    private IntrinsicFunctionCall? CompileIntrinsic(string text, in PendingPointer pointer, string lead)
    {
        if (_calls.TryGetValue(text, out var call))
        {
            return call;
        }

        if (IntrinsicFunctionCall.TryParse(text, out call, out var error))
        {
            _calls.Add(text, call);
            return call;
        }

        Error(DiagnosticCodes.SchemaValidationFailed, $"{lead} {error}", pointer);
        return null;
    }

    private JsonPath? CompileOptionalPath(JsonObject obj, string name, in PendingPointer pointer) =>
        OptionalString(obj, name, pointer) is { } text ? CompilePath(text, pointer, name) : null;

    /// <summary>InputPath and OutputPath (any JSONPath) or ItemsPath (a Reference Path).</summary>
    private IoPath CompileIoPath(JsonObject obj, string name, in PendingPointer pointer)
    {
        if (!obj.TryGetValue(name, out var value))
        {
            return IoPath.Identity;
        }

        if (value.Kind == JsonKind.Null)
        {
            return IoPath.Discard;
        }

        if (value is not JsonString text)
        {
            Error(DiagnosticCodes.SchemaValidationFailed, $"'{name}' must be a path string or null.", pointer.Append(name));
            return IoPath.Identity;
        }

        var role = name == AslFields.ItemsPath ? PathRole.ReferencePath : PathRole.Path;
        return CompilePathEntry(text.Value, pointer, name, role) is { } entry ? entry.IoPath : IoPath.Identity;
    }

    private ResultPathSpec CompileResultPath(JsonObject obj, in PendingPointer pointer)
    {
        if (!obj.TryGetValue(AslFields.ResultPath, out var value))
        {
            return ResultPathSpec.Replace;
        }

        if (value.Kind == JsonKind.Null)
        {
            return ResultPathSpec.Discard;
        }

        if (value is not JsonString text)
        {
            Error(DiagnosticCodes.SchemaValidationFailed, "'ResultPath' must be a reference path string or null.", pointer.Append(AslFields.ResultPath));
            return ResultPathSpec.Replace;
        }

        var entry = CompilePathEntry(text.Value, pointer, AslFields.ResultPath, PathRole.ReferencePath);
        if (entry is null)
        {
            return ResultPathSpec.Replace;
        }

        var path = entry.Path;
        if (path.Root != PathRoot.Input)
        {
            Error(
                DiagnosticCodes.SchemaValidationFailed,
                $"Value is not a Reference Path: ResultPath '{Validation.ValueChecks.Truncate(text.Value)}' must start with '$' (not the context object '$$' or a variable).",
                pointer.Append(AslFields.ResultPath));
            return ResultPathSpec.Replace;
        }

        if (!path.IsReferencePath)
        {
            Error(
                DiagnosticCodes.SchemaValidationFailed,
                $"Value is not a Reference Path: ResultPath '{Validation.ValueChecks.Truncate(text.Value)}' may hold only names and single indexes (no wildcards, filters, slices, unions or deep scan).",
                pointer.Append(AslFields.ResultPath));
            return ResultPathSpec.Replace;
        }

        return entry.ResultPath;
    }

    private DynamicValue? CompileDynamic(JsonObject obj, string name, in PendingPointer pointer)
    {
        if (OptionalString(obj, name, pointer) is not { } text)
        {
            return null;
        }

        var fieldPointer = pointer.Append(name);
        if (IntrinsicFunctionCall.LooksLikeIntrinsic(text))
        {
            var lead = $"The value for the field '{name}' must be a valid reference path or a valid intrinsic function call:";
            return CompileIntrinsic(text, fieldPointer, lead) is { } call ? new DynamicValue(text, null, call) : null;
        }

        return CompilePath(text, fieldPointer) is { } path ? new DynamicValue(text, path, null) : null;
    }

    private PayloadTemplate? CompileOptionalTemplate(JsonObject obj, string name, in PendingPointer pointer)
    {
        if (!obj.TryGetValue(name, out var value))
        {
            return null;
        }

        if (TryRecall(_templates, value, out var known))
        {
            return known;
        }

        var problems = _diagnostics.Count;
        var template = new PayloadTemplate(value, CompileTemplateNode(value, pointer.Append(name), 0) ?? new LiteralTemplateNode(value));
        Remember(_templates, value, template, problems);
        return template;
    }

    /// <summary>
    /// Compiles the dynamic parts of a payload template value: null when it has none (no <c>.$</c> key at any depth), so
    /// that a static part costs one literal node made by whoever keeps it, and nothing at all inside a static parent.
    /// </summary>
    private TemplateNode? CompileTemplateNode(JsonValue value, in PendingPointer pointer, int depth)
    {
        if (depth > MaxTemplateDepth)
        {
            Error(DiagnosticCodes.SchemaValidationFailed, "The payload template is nested too deeply.", pointer);
            return null;
        }

        switch (value)
        {
            case JsonObject obj:
                var members = obj.Members;
                TemplateNode?[]? nodes = null;
                for (var i = 0; i < members.Length; i++)
                {
                    var (key, child) = (members[i].Key, members[i].Value);
                    var node = IsDynamicKey(key)
                        ? CompileDynamicMember(key, child, pointer)
                        : child is JsonObject or JsonArray || depth >= MaxTemplateDepth
                            ? CompileTemplateNode(child, pointer.Append(key), depth + 1)
                            : null;
                    if (node is not null)
                    {
                        (nodes ??= new TemplateNode?[members.Length])[i] = node;
                    }
                }

                return nodes is null ? null : ObjectNode(members, nodes, pointer);
            case JsonArray array:
                var items = array.Items;
                TemplateNode?[]? itemNodes = null;
                for (var i = 0; i < items.Length; i++)
                {
                    if ((items[i] is JsonObject or JsonArray || depth >= MaxTemplateDepth) &&
                        CompileTemplateNode(items[i], pointer.Append(i), depth + 1) is { } node)
                    {
                        (itemNodes ??= new TemplateNode?[items.Length])[i] = node;
                    }
                }

                if (itemNodes is null)
                {
                    return null;
                }

                for (var i = 0; i < items.Length; i++)
                {
                    itemNodes[i] ??= new LiteralTemplateNode(items[i]);
                }

                return new ArrayTemplateNode(itemNodes!);
            default:
                return null;
        }
    }

    /// <summary>An object template node from its members and the nodes of its dynamic ones (the rest become literals).</summary>
    private ObjectTemplateNode ObjectNode(ReadOnlySpan<KeyValuePair<string, JsonValue>> members, TemplateNode?[] nodes, in PendingPointer pointer)
    {
        var names = new string[members.Length];
        for (var i = 0; i < members.Length; i++)
        {
            var key = members[i].Key;
            names[i] = IsDynamicKey(key) ? TrimDynamicKey(key) : key;
            nodes[i] ??= new LiteralTemplateNode(members[i].Value);
        }

        if (HasDuplicate(names))
        {
            Error(DiagnosticCodes.SchemaValidationFailed, "Two keys of the payload template name the same field once '.$' is removed.", pointer);
        }

        return new ObjectTemplateNode(names, nodes!);
    }

    private static bool IsDynamicKey(string key) => key.Length > 2 && key.EndsWith(".$", StringComparison.Ordinal);

    /// <summary>A template key without its <c>.$</c>; one string per distinct key in a definition.</summary>
    private string TrimDynamicKey(string key)
    {
        if (!_trimmedKeys.TryGetValue(key, out var trimmed))
        {
            trimmed = key[..^2];
            _trimmedKeys.Add(key, trimmed);
        }

        return trimmed;
    }

    /// <summary>True when two of <paramref name="names"/> are equal (templates are small: a dictionary only for large ones).</summary>
    private static bool HasDuplicate(string[] names)
    {
        if (names.Length > 16)
        {
            var seen = new HashSet<string>(names.Length, StringComparer.Ordinal);
            foreach (var name in names)
            {
                if (!seen.Add(name))
                {
                    return true;
                }
            }

            return false;
        }

        for (var i = 1; i < names.Length; i++)
        {
            for (var j = 0; j < i; j++)
            {
                if (string.Equals(names[i], names[j], StringComparison.Ordinal))
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>
    /// The member <paramref name="key"/> (ending in <c>.$</c>) of the template object at <paramref name="owner"/>. A value
    /// that does not compile is reported at <paramref name="owner"/>, as AWS does (the message names the key).
    /// </summary>
    private TemplateNode CompileDynamicMember(string key, JsonValue value, in PendingPointer owner)
    {
        if (value is not JsonString text)
        {
            Error(DiagnosticCodes.SchemaValidationFailed, $"{TemplateValueMessage(key)} found {value.KindName}, not a string.", owner);
            return new LiteralTemplateNode(JsonValue.Null);
        }

        if (IntrinsicFunctionCall.LooksLikeIntrinsic(text.Value))
        {
            return (_calls.TryGetValue(text.Value, out var known) ? known : CompileIntrinsic(text.Value, owner, TemplateValueMessage(key))) is { } call
                ? new IntrinsicTemplateNode(call)
                : new LiteralTemplateNode(JsonValue.Null);
        }

        return CompilePathEntry(text.Value, owner, key, PathRole.TemplateValue) is { } entry
            ? entry.TemplateNode(key)
            : new LiteralTemplateNode(JsonValue.Null);
    }

    private ChoiceCondition? CompileCondition(JsonObject rule, in PendingPointer pointer, bool topLevel)
    {
        if (TryRecall(_conditions, rule, out var known))
        {
            return known;
        }

        if (_conditionDepth >= MaxConditionDepth)
        {
            Error(
                DiagnosticCodes.SchemaValidationFailed,
                $"The Choice rule is nested more than {MaxConditionDepth} levels deep in And, Or and Not.",
                pointer);
            return null;
        }

        var problems = _diagnostics.Count;
        _conditionDepth++;
        var condition = CompileConditionCore(rule, pointer, topLevel);
        _conditionDepth--;
        Remember(_conditions, rule, condition, problems);
        return condition;
    }

    private ChoiceCondition? CompileConditionCore(JsonObject rule, in PendingPointer pointer, bool topLevel)
    {
        _ = topLevel;
        if (rule.TryGetValue(AslFields.And, out var and) || rule.TryGetValue(AslFields.Or, out and))
        {
            var isAnd = rule.ContainsKey(AslFields.And);
            var listPointer = pointer.Append(isAnd ? AslFields.And : AslFields.Or);
            if (and is not JsonArray { Count: > 0 } operands)
            {
                Error(DiagnosticCodes.SchemaValidationFailed, $"'{(isAnd ? AslFields.And : AslFields.Or)}' must be a non-empty array of rules.", listPointer);
                return null;
            }

            var conditions = new ChoiceCondition[operands.Count];
            var count = 0;
            for (var i = 0; i < operands.Count; i++)
            {
                if (operands[i] is JsonObject operand)
                {
                    if (CompileCondition(operand, listPointer.Append(i), false) is { } condition)
                    {
                        conditions[count++] = condition;
                    }
                }
                else
                {
                    Error(DiagnosticCodes.SchemaValidationFailed, "A rule must be an object.", listPointer.Append(i));
                }
            }

            if (count < conditions.Length)
            {
                Array.Resize(ref conditions, count);
            }

            return isAnd ? new AndCondition(conditions) : new OrCondition(conditions);
        }

        if (rule.TryGetValue(AslFields.Not, out var not))
        {
            var notPointer = pointer.Append(AslFields.Not);
            if (not is not JsonObject notObject)
            {
                Error(DiagnosticCodes.SchemaValidationFailed, "'Not' must be a rule object.", notPointer);
                return null;
            }

            return CompileCondition(notObject, notPointer, false) is { } inner ? new NotCondition(inner) : null;
        }

        var variableText = RequireString(rule, AslFields.Variable, pointer);
        var variable = variableText is null ? null : CompilePath(variableText, pointer, AslFields.Variable);
        foreach (var member in rule.Members)
        {
            if (!OperatorFields.TryGetValue(member.Key, out var field))
            {
                continue;
            }

            var (op, isPath) = field;
            if (variable is null)
            {
                return null;
            }

            if (isPath)
            {
                if (member.Value is not JsonString pathText)
                {
                    Error(DiagnosticCodes.SchemaValidationFailed, $"'{member.Key}' must be a path string.", pointer.Append(member.Key));
                    return null;
                }

                return CompilePath(pathText.Value, pointer, member.Key) is { } operandPath
                    ? new ComparisonCondition(variable, op, null, operandPath)
                    : null;
            }

            if (!OperandHasRightType(op, member.Value))
            {
                Error(DiagnosticCodes.SchemaValidationFailed, $"'{member.Key}' has an operand of the wrong type.", pointer.Append(member.Key));
                return null;
            }

            return new ComparisonCondition(variable, op, member.Value, null);
        }

        Error(DiagnosticCodes.SchemaValidationFailed, "The rule has no comparison operator.", pointer);
        return null;
    }

    private static bool OperandHasRightType(ComparisonOperator op, JsonValue operand) => op switch
    {
        <= ComparisonOperator.StringMatches => operand.Kind == JsonKind.String,
        <= ComparisonOperator.NumericGreaterThanEquals => operand.Kind == JsonKind.Number,
        ComparisonOperator.BooleanEquals => operand.Kind == JsonKind.Boolean,
        <= ComparisonOperator.TimestampGreaterThanEquals => operand is JsonString s && Rfc3339.TryParse(s.Value, out _),
        _ => operand.Kind == JsonKind.Boolean,
    };
}

/// <summary>A compiled path and the I/O and ResultPath specs made from it, shared by every field of a definition with the same text.</summary>
internal sealed class CompiledPath(JsonPath path)
{
    private IoPath? _ioPath;
    private ResultPathSpec? _resultPath;

    public JsonPath Path { get; } = path;

    public IoPath IoPath => _ioPath ??= IoPath.Of(Path);

    public ResultPathSpec ResultPath => _resultPath ??= ResultPathSpec.Of(Path);

    /// <summary>
    /// The template node for the member <paramref name="key"/>: nodes are immutable, so the first few keys used with
    /// this path share theirs. Keys are compared by reference (the parser gives equal names one string).
    /// </summary>
    public TemplateNode TemplateNode(string key)
    {
        var nodes = _nodes;
        for (var i = 0; i < _nodeCount; i++)
        {
            if (ReferenceEquals(nodes![i].Key, key))
            {
                return nodes[i].Node;
            }
        }

        var node = new PathTemplateNode(Path, key);
        if (_nodeCount < 4)
        {
            (_nodes ??= new (string, TemplateNode)[4])[_nodeCount++] = (key, node);
        }

        return node;
    }

    private (string Key, TemplateNode Node)[]? _nodes;
    private int _nodeCount;
}
