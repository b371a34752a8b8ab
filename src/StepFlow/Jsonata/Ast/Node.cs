namespace StepFlow.Jsonata.Ast;

/// <summary>The kinds of AST node, after the reference implementation's post-processing.</summary>
internal enum NodeType
{
    Path,
    Binary,
    Negate,
    ArrayConstructor,
    ObjectConstructor,
    Name,
    String,
    Number,
    Value,
    Regex,
    Wildcard,
    Descendant,
    Parent,
    Condition,
    Coalesce,
    Default,
    Block,
    Bind,
    Function,
    Partial,
    Lambda,
    Variable,
    Apply,
    Transform,
    Sort,
    Placeholder,

    // Raw parser nodes that post-processing replaces.
    RawOperator,
    RawGroup,
    RawSort,
    RawFocus,
    RawIndex,
}

/// <summary>An ancestor slot used by the parent operator <c>%</c>.</summary>
internal sealed class AncestorSlot
{
    public required string Label { get; set; }

    public int Level { get; set; }

    public int Index { get; set; }
}

/// <summary>A predicate or positional-binding stage attached to a path step.</summary>
internal sealed class Stage
{
    public Stage(Node? filter, string? indexVariable, int position)
    {
        Filter = filter;
        IndexVariable = indexVariable;
        Position = position;
    }

    /// <summary>The filter expression; null for an index stage.</summary>
    public Node? Filter { get; }

    /// <summary>The variable bound to the position, for an index stage.</summary>
    public string? IndexVariable { get; }

    public int Position { get; }
}

/// <summary>A group-by clause (object constructor applied to a step).</summary>
internal sealed class GroupClause
{
    public GroupClause(List<(Node Key, Node Value)> pairs, int position)
    {
        Pairs = pairs;
        Position = position;
    }

    public List<(Node Key, Node Value)> Pairs { get; }

    public int Position { get; }
}

/// <summary>
/// The base AST node. Fields are set while compiling (parsing and post-processing) and never change afterwards,
/// so a compiled tree is shared freely between threads.
/// </summary>
internal abstract class Node
{
    protected Node(NodeType type, int position)
    {
        Type = type;
        Position = position;
    }

    public NodeType Type { get; set; }

    /// <summary>The character offset just after the token that produced the node, as in the reference.</summary>
    public int Position { get; }

    /// <summary>The <c>[]</c> suffix: keep singleton arrays.</summary>
    public bool KeepArray { get; set; }

    /// <summary>Predicates applied to a non-step expression.</summary>
    public List<Stage>? Predicates { get; set; }

    /// <summary>Predicates and index bindings applied to a path step.</summary>
    public List<Stage>? Stages { get; set; }

    /// <summary>A group-by clause applied to the result.</summary>
    public GroupClause? Group { get; set; }

    /// <summary>The context variable bound with <c>@</c>.</summary>
    public string? Focus { get; set; }

    /// <summary>The positional variable bound with <c>#</c>.</summary>
    public string? IndexVariable { get; set; }

    /// <summary>True when the step takes part in a tuple stream.</summary>
    public bool Tuple { get; set; }

    /// <summary>The ancestor slot this step binds for a parent operator.</summary>
    public AncestorSlot? Ancestor { get; set; }

    /// <summary>An array constructor whose result must not be flattened by a path.</summary>
    public bool ConsArray { get; set; }

    /// <summary>Parent operators still looking for the step they refer to.</summary>
    public List<AncestorSlot>? SeekingParent { get; set; }
}
