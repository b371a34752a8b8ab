using StepFlow.Json;

namespace StepFlow.Intrinsics;

/// <summary>A call of one <c>States.*</c> function with its compiled arguments.</summary>
internal sealed class CallExpression : IntrinsicExpression
{
    private readonly IntrinsicExpression[] _arguments;

    public CallExpression(IntrinsicSignature signature, IntrinsicExpression[] arguments)
    {
        Signature = signature;
        _arguments = arguments;
    }

    public IntrinsicSignature Signature { get; }

    public string Name => Signature.Name;

    public int ArgumentCount => _arguments.Length;

    /// <summary>The compiled argument at <paramref name="index"/> (not evaluated).</summary>
    public IntrinsicExpression ArgumentAt(int index) => _arguments[index];

    /// <summary>Evaluates the argument at <paramref name="index"/>.</summary>
    public JsonValue Argument(int index, in IntrinsicContext context) => _arguments[index].Evaluate(in context);

    public override JsonValue Evaluate(in IntrinsicContext context) => IntrinsicFunctions.Invoke(this, in context);

    /// <summary>AWS's cause for arguments of the wrong type or value: "Invalid arguments in States.MathAdd".</summary>
    public IntrinsicEvaluationException InvalidArguments() => new($"Invalid arguments in {Name}");

    /// <summary>"Invalid arguments in States.X: reason".</summary>
    public IntrinsicEvaluationException InvalidArguments(string reason) => new($"Invalid arguments in {Name}: {reason}");
}
