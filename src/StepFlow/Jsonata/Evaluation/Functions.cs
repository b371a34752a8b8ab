using System.Text.RegularExpressions;
using StepFlow.Json;
using StepFlow.Jsonata.Ast;

namespace StepFlow.Jsonata.Evaluation;

/// <summary>A function value: lambdas, built-ins, partial applications, regexes, transforms.</summary>
internal abstract class FunctionValue : JsonValue
{
    public override JsonKind Kind => JsonKind.Null;

    /// <summary>How many arguments the function declares (used by higher-order functions).</summary>
    public abstract int Arity { get; }

    public virtual Signature? Signature => null;

    private protected override int ComputeUtf8Length() => 2;
}

/// <summary>A user-defined lambda closed over its environment and input.</summary>
internal sealed class LambdaFunction : FunctionValue
{
    public LambdaFunction(LambdaNode node, JsonValue? input, Environment environment)
    {
        Node = node;
        Input = input;
        Environment = environment;
    }

    public LambdaNode Node { get; }

    public JsonValue? Input { get; }

    public Environment Environment { get; }

    public override int Arity => Node.Parameters.Count;

    public override Signature? Signature => Node.Signature;
}

/// <summary>The implementation of a built-in: validated arguments in, result (null = undefined) out.</summary>
internal delegate JsonValue? NativeImplementation(Evaluator evaluator, JsonValue?[] args, JsonValue? input, Environment environment);

/// <summary>A built-in or host function.</summary>
internal sealed class NativeFunction : FunctionValue
{
    public NativeFunction(string name, string? signature, NativeImplementation implementation, int arity = -1)
    {
        Name = name;
        NativeSignature = signature is null ? null : Signature.Parse(signature, 0);
        Implementation = implementation;
        Arity = arity >= 0 ? arity : NativeSignature?.ParameterCount ?? 0;
    }

    public string Name { get; }

    public Signature? NativeSignature { get; }

    public NativeImplementation Implementation { get; }

    public override int Arity { get; }

    public override Signature? Signature => NativeSignature;
}

/// <summary>A partially applied function: <c>f(a, ?)</c>.</summary>
internal sealed class PartialFunction : FunctionValue
{
    public PartialFunction(FunctionValue inner, JsonValue?[] arguments, bool[] holes)
    {
        Inner = inner;
        Arguments = arguments;
        Holes = holes;
        var count = 0;
        foreach (var h in holes)
        {
            if (h)
            {
                count++;
            }
        }

        Arity = count;
    }

    public FunctionValue Inner { get; }

    public JsonValue?[] Arguments { get; }

    public bool[] Holes { get; }

    public override int Arity { get; }
}

/// <summary>A compiled regular expression literal; invoking it returns the first match object.</summary>
internal sealed class RegexFunction : FunctionValue
{
    public RegexFunction(Regex regex, string source)
    {
        Regex = regex;
        Source = source;
    }

    public Regex Regex { get; }

    public string Source { get; }

    public override int Arity => 1;
}
