namespace StepFlow.Jsonata.Ast;

/// <summary>A field name step (also a backtick-quoted name, or a string literal used as a step).</summary>
internal sealed class NameNode : Node
{
    public NameNode(int position, string name)
        : base(NodeType.Name, position) => Name = name;

    public string Name { get; }
}

/// <summary><c>*</c>, <c>**</c> or <c>%</c> (parent).</summary>
internal sealed class MarkerNode : Node
{
    public MarkerNode(NodeType type, int position)
        : base(type, position)
    {
    }

    /// <summary>For a parent node, the ancestor slot it reads.</summary>
    public AncestorSlot? Slot { get; set; }
}

/// <summary>A location path: a sequence of steps.</summary>
internal sealed class PathNode : Node
{
    public PathNode(int position, List<Node> steps)
        : base(NodeType.Path, position) => Steps = steps;

    public List<Node> Steps { get; }

    /// <summary>Some step had <c>[]</c>: keep singleton results as arrays.</summary>
    public bool KeepSingletonArray { get; set; }
}

/// <summary>One term of an order-by clause.</summary>
internal sealed class SortTerm
{
    public SortTerm(Node expression, bool descending)
    {
        Expression = expression;
        Descending = descending;
    }

    public Node Expression { get; }

    public bool Descending { get; }
}

/// <summary>An order-by step <c>^( ... )</c>; before post-processing, also holds the sorted expression.</summary>
internal sealed class SortNode : Node
{
    public SortNode(int position, List<SortTerm> terms, Node? lhs)
        : base(lhs is null ? NodeType.Sort : NodeType.RawSort, position)
    {
        Terms = terms;
        Lhs = lhs;
    }

    public List<SortTerm> Terms { get; }

    public Node? Lhs { get; }
}
