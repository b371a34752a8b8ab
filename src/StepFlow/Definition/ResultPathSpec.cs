using StepFlow.Paths;

namespace StepFlow.Definition;

/// <summary>
/// ResultPath: absent or <c>$</c> (the result replaces the input), <c>null</c> (the result is discarded and the
/// input passes on), or a reference path where the result is placed inside the input.
/// </summary>
internal sealed class ResultPathSpec
{
    /// <summary>The result replaces the input.</summary>
    public static readonly ResultPathSpec Replace = new(null, false);

    /// <summary>The result is discarded.</summary>
    public static readonly ResultPathSpec Discard = new(null, true);

    private ResultPathSpec(JsonPath? path, bool discard)
    {
        Path = path;
        IsDiscard = discard;
    }

    /// <summary>The reference path, when the result is placed inside the input.</summary>
    public JsonPath? Path { get; }

    /// <summary>True when ResultPath was <c>null</c>.</summary>
    public bool IsDiscard { get; }

    /// <summary>A reference path.</summary>
    public static ResultPathSpec Of(JsonPath path) => path.Text == "$" ? Replace : new ResultPathSpec(path, false);
}
