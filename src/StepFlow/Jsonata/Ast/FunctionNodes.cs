using StepFlow.Jsonata.Evaluation;

namespace StepFlow.Jsonata.Ast;

/// <summary>A function call <c>f(a, b)</c> or partial application <c>f(a, ?)</c>.</summary>
internal sealed class CallNode : Node
{
    public CallNode(NodeType type, int position, Node procedure, List<Node> arguments)
        : base(type, position)
    {
        Procedure = procedure;
        Arguments = arguments;
    }

    public Node Procedure { get; set; }

    public List<Node> Arguments { get; }

    /// <summary>The name used for error tokens: the function's name as written.</summary>
    public string? ProcedureName { get; set; }
}

/// <summary>A lambda <c>function($x, $y)&lt;sig&gt; { body }</c>; a thunk wraps a tail call.</summary>
internal sealed class LambdaNode : Node
{
    public LambdaNode(int position, List<string> parameters, Signature? signature, Node body, bool thunk)
        : base(NodeType.Lambda, position)
    {
        Parameters = parameters;
        Signature = signature;
        Body = body;
        Thunk = thunk;
    }

    public List<string> Parameters { get; }

    public Signature? Signature { get; }

    public Node Body { get; set; }

    public bool Thunk { get; }
}

/// <summary>A transform <c>| pattern | update, delete |</c>.</summary>
internal sealed class TransformNode : Node
{
    public TransformNode(int position, Node pattern, Node update, Node? delete)
        : base(NodeType.Transform, position)
    {
        Pattern = pattern;
        Update = update;
        Delete = delete;
    }

    public Node Pattern { get; set; }

    public Node Update { get; set; }

    public Node? Delete { get; set; }
}
