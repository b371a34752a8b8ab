using System.Diagnostics.CodeAnalysis;
using StepFlow.Errors;
using StepFlow.Json;
using StepFlow.Paths;

namespace StepFlow.Intrinsics;

/// <summary>
/// A compiled intrinsic function call such as <c>States.Format('Hello {}', $.name)</c>, as written in a
/// JSONPath state's <c>.$</c> field. Parse once when the definition loads; evaluate many times.
/// Immutable and thread-safe.
/// </summary>
internal sealed class IntrinsicFunctionCall
{
    private readonly CallExpression _call;

    private IntrinsicFunctionCall(string text, CallExpression call)
    {
        Text = text;
        _call = call;
    }

    /// <summary>The source text, exactly as given to <see cref="Parse"/>.</summary>
    public string Text { get; }

    /// <summary>The outermost function's name, for example <c>States.Format</c>.</summary>
    public string FunctionName => _call.Name;

    /// <summary>
    /// True when <paramref name="text"/> looks like an intrinsic call (starts with <c>States.</c> and has a
    /// <c>(</c>), so a <c>.$</c> field should be parsed as one rather than as a path.
    /// </summary>
    public static bool LooksLikeIntrinsic(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.StartsWith("States.", StringComparison.Ordinal) && text.Contains('(', StringComparison.Ordinal);
    }

    /// <summary>
    /// Parses and validates a call: syntax, known function names, argument counts, nesting of at most
    /// ten calls, and the syntax of every path argument. Never throws for bad input.
    /// </summary>
    /// <param name="text">The call text.</param>
    /// <param name="call">The compiled call when the text is valid.</param>
    /// <param name="error">A message naming the 1-based position of the problem when it is not.</param>
    public static bool TryParse(string text, [NotNullWhen(true)] out IntrinsicFunctionCall? call, [NotNullWhen(false)] out string? error)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (IntrinsicParser.TryParse(text, out var expression, out error))
        {
            call = new IntrinsicFunctionCall(text, expression);
            return true;
        }

        call = null;
        return false;
    }

    /// <summary>Parses a call; throws <see cref="FormatException"/> with a position-bearing message when it is invalid.</summary>
    public static IntrinsicFunctionCall Parse(string text) =>
        TryParse(text, out var call, out var error) ? call : throw new FormatException(error);

    /// <summary>
    /// Evaluates the call against <paramref name="scope"/> with the default sources of randomness.
    /// Throws <see cref="StatesErrorException"/> with <see cref="StatesErrorNames.Runtime"/> when a path
    /// argument selects nothing or an argument has the wrong type or value.
    /// </summary>
    public JsonValue Evaluate(in PathScope scope) => Evaluate(in scope, IntrinsicEnvironment.Default);

    /// <summary>
    /// Evaluates the call against <paramref name="scope"/>, drawing <c>States.MathRandom</c> (unseeded) and
    /// <c>States.UUID</c> values from <paramref name="environment"/>.
    /// Throws <see cref="StatesErrorException"/> with <see cref="StatesErrorNames.Runtime"/> on failure; the
    /// cause reads "The function '&lt;text&gt;' had the following error: &lt;detail&gt;", as on AWS.
    /// </summary>
    public JsonValue Evaluate(in PathScope scope, IntrinsicEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var context = new IntrinsicContext(in scope, environment);
        try
        {
            return _call.Evaluate(in context);
        }
        catch (IntrinsicEvaluationException e)
        {
            throw new StatesErrorException(
                StatesErrorNames.Runtime,
                $"The function '{Text}' had the following error: {e.Message}",
                e);
        }
    }

    /// <inheritdoc />
    public override string ToString() => Text;
}
