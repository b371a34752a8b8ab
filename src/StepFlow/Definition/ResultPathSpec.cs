using StepFlow.Errors;
using StepFlow.Json;
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

    /// <summary>
    /// Combines <paramref name="result"/> with <paramref name="input"/> as this ResultPath says; a path that cannot be
    /// set is a <see cref="StateFieldException"/> naming <c>ResultPath</c>.
    /// </summary>
    public JsonValue Apply(JsonValue input, JsonValue result)
    {
        if (IsDiscard)
        {
            return input;
        }

        if (Path is null)
        {
            return result;
        }

        try
        {
            return Path.Set(input, result);
        }
        catch (StatesErrorException e) when (e is not StateFieldException)
        {
            throw new StateFieldException(e.Error, e.Cause ?? string.Empty, AslFields.ResultPath);
        }
    }
}
