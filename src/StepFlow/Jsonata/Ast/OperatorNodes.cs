namespace StepFlow.Jsonata.Ast;

/// <summary>A binary operator; also the raw <c>.</c>, <c>[</c> (predicate), <c>@</c>, <c>#</c>, <c>:=</c> and <c>~&gt;</c> forms.</summary>
internal sealed class BinaryNode : Node
{
    public BinaryNode(NodeType type, int position, string op, Node lhs, Node rhs)
        : base(type, position)
    {
        Operator = op;
        Lhs = lhs;
        Rhs = rhs;
    }

    public string Operator { get; }

    public Node Lhs { get; set; }

    public Node Rhs { get; set; }
}

/// <summary>Unary minus.</summary>
internal sealed class NegateNode : Node
{
    public NegateNode(int position, Node expression)
        : base(NodeType.Negate, position) => Expression = expression;

    public Node Expression { get; set; }
}

/// <summary>An array constructor <c>[a, b, c..d]</c>.</summary>
internal sealed class ArrayNode : Node
{
    public ArrayNode(int position, List<Node> items)
        : base(NodeType.ArrayConstructor, position) => Items = items;

    public List<Node> Items { get; }
}

/// <summary>An object constructor <c>{k: v}</c>; with <see cref="Lhs"/> set, the raw group-by form.</summary>
internal sealed class ObjectNode : Node
{
    public ObjectNode(int position, List<(Node Key, Node Value)> pairs, Node? lhs)
        : base(lhs is null ? NodeType.ObjectConstructor : NodeType.RawGroup, position)
    {
        Pairs = pairs;
        Lhs = lhs;
    }

    public List<(Node Key, Node Value)> Pairs { get; }

    public Node? Lhs { get; }
}

/// <summary><c>c ? a : b</c>, <c>a ?? b</c> (coalesce) and <c>a ?: b</c> (default).</summary>
internal sealed class ConditionNode : Node
{
    public ConditionNode(NodeType type, int position, Node condition, Node then, Node? otherwise)
        : base(type, position)
    {
        Condition = condition;
        Then = then;
        Else = otherwise;
    }

    public Node Condition { get; set; }

    public Node Then { get; set; }

    public Node? Else { get; set; }
}

/// <summary>A raw operator token in operand position (<c>and</c>, <c>or</c>, <c>in</c> used as names, or <c>?</c>).</summary>
internal sealed class OperatorNode : Node
{
    public OperatorNode(int position, string op)
        : base(NodeType.RawOperator, position) => Operator = op;

    public string Operator { get; }
}
