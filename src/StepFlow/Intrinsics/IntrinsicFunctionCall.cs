using System.Diagnostics.CodeAnalysis;
using StepFlow.Json;
using StepFlow.Paths;

namespace StepFlow.Intrinsics;

/// <summary>A compiled intrinsic function call. PLACEHOLDER: the intrinsic engine replaces this file.</summary>
public sealed class IntrinsicFunctionCall
{
    private IntrinsicFunctionCall(string text) => Text = text;

    /// <summary>The source text.</summary>
    public string Text { get; }

    /// <summary>True when the text starts like an intrinsic call.</summary>
    public static bool LooksLikeIntrinsic(string text) =>
        text is not null && text.StartsWith("States.", StringComparison.Ordinal) && text.Contains('(', StringComparison.Ordinal);

    /// <summary>Parses a call; throws FormatException.</summary>
    public static IntrinsicFunctionCall Parse(string text) =>
        TryParse(text, out var call, out var error) ? call : throw new FormatException(error);

    /// <summary>Parses a call without throwing.</summary>
    public static bool TryParse(string text, [NotNullWhen(true)] out IntrinsicFunctionCall? call, [NotNullWhen(false)] out string? error)
    {
        call = new IntrinsicFunctionCall(text);
        error = null;
        return true;
    }

    /// <summary>Evaluates the call.</summary>
    public JsonValue Evaluate(in PathScope scope) => throw new NotSupportedException("Intrinsic functions are not available yet.");
}
