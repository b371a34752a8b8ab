using System.Diagnostics.CodeAnalysis;
using StepFlow.Errors;
using StepFlow.Json;

namespace StepFlow.Paths;

/// <summary>
/// A compiled ASL path (<c>$.a.b</c>, <c>$$.Execution.Id</c>, <c>$var.field</c>).
/// PLACEHOLDER: supports dot names only; the full JSONPath engine replaces this file.
/// </summary>
public sealed class JsonPath
{
    private readonly string[] _names;

    private JsonPath(string text, PathRoot root, string? variableName, string[] names)
    {
        Text = text;
        Root = root;
        VariableName = variableName;
        _names = names;
    }

    /// <summary>The source text.</summary>
    public string Text { get; }

    /// <summary>What the path selects from.</summary>
    public PathRoot Root { get; }

    /// <summary>The variable name when <see cref="Root"/> is <see cref="PathRoot.Variable"/>.</summary>
    public string? VariableName { get; }

    /// <summary>True when the path selects at most one value (no wildcard, filter, slice, deep scan or union).</summary>
    public bool IsDefinite => true;

    /// <summary>True when the path is a Reference Path (names and single indexes only) usable as ResultPath.</summary>
    public bool IsReferencePath => true;

    /// <summary>Parses a path; throws <see cref="FormatException"/> naming the position on bad syntax.</summary>
    public static JsonPath Parse(string text) =>
        TryParse(text, out var path, out var error) ? path : throw new FormatException(error);

    /// <summary>Parses a path without throwing.</summary>
    public static bool TryParse(string text, [NotNullWhen(true)] out JsonPath? path, [NotNullWhen(false)] out string? error)
    {
        ArgumentNullException.ThrowIfNull(text);
        path = null;
        error = null;
        if (!text.StartsWith('$'))
        {
            error = $"The path '{text}' must begin with '$'.";
            return false;
        }

        PathRoot root;
        string? variable = null;
        string rest;
        if (text.StartsWith("$$", StringComparison.Ordinal))
        {
            root = PathRoot.Context;
            rest = text[2..];
        }
        else if (text.Length > 1 && text[1] != '.' && text[1] != '[')
        {
            root = PathRoot.Variable;
            var end = text.IndexOfAny(['.', '['], 1);
            variable = end < 0 ? text[1..] : text[1..end];
            rest = end < 0 ? string.Empty : text[end..];
        }
        else
        {
            root = PathRoot.Input;
            rest = text[1..];
        }

        if (rest.Length > 0 && !rest.StartsWith('.'))
        {
            error = $"The path '{text}' is not supported yet.";
            return false;
        }

        var names = rest.Length == 0 ? [] : rest[1..].Split('.');
        path = new JsonPath(text, root, variable, names);
        return true;
    }

    /// <summary>Evaluates the path; false when a definite path selects nothing.</summary>
    public bool TryEvaluate(in PathScope scope, [NotNullWhen(true)] out JsonValue? value)
    {
        JsonValue? current;
        switch (Root)
        {
            case PathRoot.Context:
                current = scope.Context;
                break;
            case PathRoot.Variable:
                if (!scope.Variables.TryGet(VariableName!, out current))
                {
                    value = null;
                    return false;
                }

                break;
            default:
                current = scope.Input;
                break;
        }

        foreach (var name in _names)
        {
            if (current is not JsonObject obj || !obj.TryGetValue(name, out current))
            {
                value = null;
                return false;
            }
        }

        value = current;
        return true;
    }

    /// <summary>Places <paramref name="value"/> at this reference path inside <paramref name="root"/>, creating missing objects.</summary>
    public JsonValue Set(JsonValue root, JsonValue value)
    {
        return SetAt(root, 0, value);
    }

    /// <inheritdoc />
    public override string ToString() => Text;

    private JsonValue SetAt(JsonValue current, int position, JsonValue value)
    {
        if (position == _names.Length)
        {
            return value;
        }

        if (current is not JsonObject obj)
        {
            throw new StatesErrorException(StatesErrorNames.ResultPathMatchFailure, $"Unable to apply ResultPath '{Text}'.");
        }

        var child = obj.TryGetValue(_names[position], out var existing) ? existing : JsonObject.Empty;
        return obj.SetItem(_names[position], SetAt(child, position + 1, value));
    }
}
