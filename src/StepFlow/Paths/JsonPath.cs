using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using StepFlow.Paths.Parsing;
using StepFlow.Paths.Syntax;

namespace StepFlow.Paths;

/// <summary>
/// A compiled JSONPath (<c>$.a.b[0]</c>, <c>$.items[?(@.n &gt; 1)]</c>, <c>$$.Execution.Id</c>, <c>$var.field</c>).
/// Parse it once, when the definition is loaded; evaluating it never copies values. Instances are
/// immutable and thread-safe.
/// </summary>
internal sealed partial class JsonPath
{
    private readonly PathSegment[] _segments;

    /// <summary>The steps of a definite path (all of them, or all but a trailing name union); null otherwise.</summary>
    private readonly PathStep[]? _steps;

    /// <summary>ASL: the names of a trailing <c>['a','b']</c> merged into one object; null otherwise.</summary>
    private readonly string[]? _mergedNames;

    private JsonPath(string text, JsonPathDialect dialect, ParsedPath parsed)
    {
        Text = text;
        Dialect = dialect;
        Root = parsed.Root;
        VariableName = parsed.VariableName;
        _segments = parsed.Segments;

        var singularCount = 0;
        while (singularCount < _segments.Length && _segments[singularCount].IsSingular)
        {
            singularCount++;
        }

        IsReferencePath = singularCount == _segments.Length;
        if (IsReferencePath)
        {
            _steps = ToSteps(_segments, singularCount);
        }
        else if (dialect == JsonPathDialect.Asl && singularCount == _segments.Length - 1 && _segments[^1].IsNameUnion)
        {
            _steps = ToSteps(_segments, singularCount);
            var selectors = _segments[^1].Selectors;
            _mergedNames = new string[selectors.Length];
            for (var i = 0; i < selectors.Length; i++)
            {
                _mergedNames[i] = ((NameSelector)selectors[i]).Name;
            }
        }

        IsDefinite = _steps is not null;
    }

    /// <summary>The source text.</summary>
    public string Text { get; }

    /// <summary>The rules the path was parsed with.</summary>
    public JsonPathDialect Dialect { get; }

    /// <summary>What the path selects from.</summary>
    public PathRoot Root { get; }

    /// <summary>The variable name when <see cref="Root"/> is <see cref="PathRoot.Variable"/>.</summary>
    public string? VariableName { get; }

    /// <summary>
    /// True when the path selects at most one value: only member names and single indexes (and, in
    /// ASL, a trailing <c>['a','b']</c>, which Jayway merges into one object). Evaluating a definite
    /// path gives the value itself; any wildcard, slice, filter, descendant or other union makes it indefinite.
    /// </summary>
    public bool IsDefinite { get; }

    /// <summary>
    /// True when the path is a Reference Path: only member names and single indexes, as ResultPath,
    /// ItemsPath, Choice <c>Variable</c> and the <c>…Path</c> fields require. The root is not checked:
    /// ResultPath must additionally not use <c>$$</c> or a variable (see <see cref="Root"/>).
    /// </summary>
    public bool IsReferencePath { get; }

    /// <summary>Parses an ASL path; throws <see cref="FormatException"/> naming the position on bad syntax.</summary>
    public static JsonPath Parse(string text) => Parse(text, JsonPathDialect.Asl);

    /// <summary>Parses a path in the given dialect; throws <see cref="FormatException"/> naming the position on bad syntax.</summary>
    public static JsonPath Parse(string text, JsonPathDialect dialect) =>
        TryParse(text, dialect, out var path, out var error) ? path : throw new FormatException(error);

    /// <summary>Parses an ASL path without throwing.</summary>
    public static bool TryParse(string text, [NotNullWhen(true)] out JsonPath? path, [NotNullWhen(false)] out string? error) =>
        TryParse(text, JsonPathDialect.Asl, out path, out error);

    /// <summary>Parses a path in the given dialect without throwing; <paramref name="error"/> names the character position.</summary>
    public static bool TryParse(string text, JsonPathDialect dialect, [NotNullWhen(true)] out JsonPath? path, [NotNullWhen(false)] out string? error)
    {
        ArgumentNullException.ThrowIfNull(text);
        try
        {
            path = new JsonPath(text, dialect, PathParser.Parse(text, dialect));
            error = null;
            return true;
        }
        catch (PathSyntaxException e)
        {
            path = null;
            error = string.Create(CultureInfo.InvariantCulture, $"Invalid JSONPath '{Abbreviate(text)}' at position {e.Position}: {e.Reason}.");
            return false;
        }
    }

    /// <inheritdoc />
    public override string ToString() => Text;

    private static string Abbreviate(string text) => text.Length <= 200 ? text : string.Concat(text.AsSpan(0, 200), "…");

    private static PathStep[] ToSteps(PathSegment[] segments, int count)
    {
        var steps = new PathStep[count];
        for (var i = 0; i < count; i++)
        {
            steps[i] = PathStep.From(segments[i].Selectors[0]);
        }

        return steps;
    }
}
