using System.Diagnostics.CodeAnalysis;
using System.Text.RegularExpressions;
using StepFlow.Json;
using StepFlow.Jsonata.Ast;
using StepFlow.Jsonata.Evaluation;
using StepFlow.Jsonata.Functions;
using StepFlow.Jsonata.Parsing;
using Env = StepFlow.Jsonata.Evaluation.Environment;

namespace StepFlow.Jsonata;

/// <summary>
/// A compiled JSONata expression. Compile once, evaluate many times, from any number of threads:
/// the compiled tree is immutable and every evaluation has its own state.
/// </summary>
internal sealed class JsonataExpression
{
    private readonly Node _ast;
    private readonly IReadOnlyDictionary<string, JsonValue> _functions;

    private JsonataExpression(string text, Node ast, JsonataOptions options)
    {
        Text = text;
        _ast = ast;
        Options = options;
        _functions = Library.For(options);
    }

    /// <summary>The expression text.</summary>
    public string Text { get; }

    /// <summary>The options the expression was compiled with.</summary>
    public JsonataOptions Options { get; }

    /// <summary>Compiles an expression.</summary>
    /// <exception cref="JsonataException">The expression has a syntax error (code S0xxx).</exception>
    public static JsonataExpression Compile(string expression, JsonataOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(expression);
        options ??= JsonataOptions.Default;
        try
        {
            var ast = Parser.Parse(expression, options.Level == JsonataLevel.V2_2, options.MaxNestingDepth);
            return new JsonataExpression(expression, ast, options);
        }
        catch (InsufficientExecutionStackException)
        {
            throw new JsonataException("U1001", "The expression is nested too deeply to compile");
        }
    }

    /// <summary>Compiles an expression, returning false (and the error) instead of throwing.</summary>
    public static bool TryCompile(string expression, [NotNullWhen(true)] out JsonataExpression? compiled, out JsonataException? error, JsonataOptions? options = null)
    {
        try
        {
            compiled = Compile(expression, options);
            error = null;
            return true;
        }
        catch (JsonataException e)
        {
            compiled = null;
            error = e;
            return false;
        }
    }

    /// <summary>
    /// Evaluates the expression against <paramref name="input"/> (null means no input, JSONata's undefined).
    /// Returns null when the result is undefined.
    /// </summary>
    /// <param name="input">The input document, or null for none.</param>
    /// <param name="bindings">Variables to bind, by name without the <c>$</c>.</param>
    /// <param name="cancellationToken">Cancels the evaluation (an <see cref="OperationCanceledException"/>).</param>
    /// <exception cref="JsonataException">Evaluation failed, or exceeded a limit (U1001).</exception>
    public JsonValue? Evaluate(JsonValue? input, IReadOnlyDictionary<string, JsonValue>? bindings = null, CancellationToken cancellationToken = default) =>
        Evaluate(input, bindings, null, cancellationToken, out _);

    /// <summary>
    /// Evaluates with names resolved on demand by <paramref name="host"/> (they shadow built-in functions);
    /// <paramref name="returnedFunction"/> tells a function result apart from undefined (both return null).
    /// </summary>
    /// <remarks>
    /// The result becomes state data, which is JSON that can be written: a value nested deeper than
    /// <see cref="JsonValue.MaxDepth"/> (built by <c>$reduce</c>, say, without deep recursion) fails here with U1001,
    /// like every other limit of an evaluation, rather than later where it is first written.
    /// </remarks>
    internal JsonValue? Evaluate(JsonValue? input, IJsonataBindings host, out bool returnedFunction, CancellationToken cancellationToken = default)
    {
        var result = Evaluate(input, null, host, cancellationToken, out returnedFunction);
        return result is { Depth: > JsonValue.MaxDepth }
            ? throw new JsonataException(
                "U1001",
                $"The result nests {(result.Depth == ushort.MaxValue ? "more than 65,534" : result.Depth.ToString(System.Globalization.CultureInfo.InvariantCulture))} levels deep; state data may nest at most {JsonValue.MaxDepth}")
            : result;
    }

    private JsonValue? Evaluate(JsonValue? input, IReadOnlyDictionary<string, JsonValue>? bindings, IJsonataBindings? host, CancellationToken cancellationToken, out bool returnedFunction)
    {
        returnedFunction = false;
        var evaluator = new Evaluator(Options, host?.TimeLimit, host?.SizeLimit, cancellationToken, host?.Random);
        var env = new Env(_functions);
        var frame = host is null ? new Env(env) : new Env(new Env(env, host));
        if (bindings is not null)
        {
            foreach (var pair in bindings)
            {
                frame.Bind(pair.Key.TrimStart('$'), pair.Value);
            }
        }

        frame.Bind("$", input);
        JsonValue? context = input;
        if (input is JsonArray)
        {
            var wrapper = Sequence.Of(input);
            wrapper.OuterWrapper = true;
            context = wrapper;
        }

        try
        {
            var result = evaluator.Evaluate(_ast, context, frame);
            return result switch
            {
                null => null,
                Sequence s => s.Freeze(),
                FunctionValue => ReturnedFunction(out returnedFunction),
                NonFiniteNumber => throw new JsonataException("D1001", "Number out of range"),
                _ => result,
            };
        }
        catch (InsufficientExecutionStackException)
        {
            throw new JsonataException("U1001", Evaluator.StackOverflowMessage);
        }
        catch (RegexMatchTimeoutException)
        {
            throw new JsonataException("U1001", "Regular expression evaluation timeout");
        }
    }

    /// <inheritdoc />
    public override string ToString() => Text;

    private static JsonValue? ReturnedFunction(out bool returnedFunction)
    {
        returnedFunction = true;
        return null;
    }
}
