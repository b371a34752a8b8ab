namespace StepFlow.Jsonata.Ast;

/// <summary>A block <c>(a; b; c)</c>.</summary>
internal sealed class BlockNode : Node
{
    public BlockNode(int position, List<Node> expressions)
        : base(NodeType.Block, position) => Expressions = expressions;

    public List<Node> Expressions { get; }
}

/// <summary>A variable reference <c>$name</c>; <c>$</c> is the context, <c>$$</c> the root.</summary>
internal sealed class VariableNode : Node
{
    public VariableNode(int position, string name)
        : base(NodeType.Variable, position) => Name = name;

    public string Name { get; }
}
