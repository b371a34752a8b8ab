using StepFlow.Errors;
using StepFlow.Json;
using StepFlow.Paths;

namespace StepFlow.Definition;

/// <summary>
/// InputPath or OutputPath: absent (<c>$</c>, the value passes unchanged), <c>null</c> (the value becomes
/// <c>{}</c>), or a path.
/// </summary>
internal sealed class IoPath
{
    /// <summary>The field is absent: the value passes unchanged.</summary>
    public static readonly IoPath Identity = new(null, false);

    /// <summary>The field is null: the value becomes <c>{}</c>.</summary>
    public static readonly IoPath Discard = new(null, true);

    private IoPath(JsonPath? path, bool discard)
    {
        Path = path;
        IsDiscard = discard;
    }

    /// <summary>The path, when there is one.</summary>
    public JsonPath? Path { get; }

    /// <summary>True when the field was <c>null</c>.</summary>
    public bool IsDiscard { get; }

    /// <summary>A path field.</summary>
    public static IoPath Of(JsonPath path) => path.Text == "$" ? Identity : new IoPath(path, false);

    /// <summary>
    /// Evaluates the path (callers check <see cref="IsDiscard"/> and a missing <see cref="Path"/> first, so that no
    /// scope is made for them) in <paramref name="scope"/>; no result is <c>States.Runtime</c> naming
    /// <paramref name="field"/>.
    /// </summary>
    public JsonValue Select(in PathScope scope, string field)
    {
        var path = Path!;
        if (path.TryEvaluate(scope, out var value))
        {
            return value;
        }

        throw new StateFieldException(
            StatesErrorNames.Runtime,
            path.DescribeInvalidPath(scope) ?? $"Invalid path '{path.Text}' : No results for path: {path.Text}",
            field);
    }
}
