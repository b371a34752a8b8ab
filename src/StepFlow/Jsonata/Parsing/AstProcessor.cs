using System.Runtime.CompilerServices;
using StepFlow.Jsonata.Ast;

namespace StepFlow.Jsonata.Parsing;

/// <summary>
/// Turns the raw parse tree into the evaluation tree: location paths, predicate stages, group-by,
/// order-by, focus and index bindings, parent-operator ancestry and tail-call thunks.
/// </summary>
internal sealed class AstProcessor
{
    private readonly List<MarkerNode> _ancestry = [];
    private int _ancestorLabel;
    private int _ancestorIndex;

    /// <summary>
    /// Processes a node. A left-associative chain (<c>a + b + c</c>, <c>a.b.c</c>, <c>a[0][1]</c>, <c>a ~> $f ~> $g</c>)
    /// is processed bottom-up in a loop, so its length costs no stack; only true nesting recurses, and the parser
    /// bounds that.
    /// </summary>
    public Node Process(Node expr)
    {
        RuntimeHelpers.EnsureSufficientExecutionStack();
        if (LeftOperand(expr) is null)
        {
            return Finish(expr, ProcessNested(expr));
        }

        var spine = new List<Node>();
        var node = expr;
        while (LeftOperand(node) is { } lhs)
        {
            spine.Add(node);
            node = lhs;
        }

        var result = Finish(node, ProcessNested(node));
        for (var i = spine.Count - 1; i >= 0; i--)
        {
            result = Finish(spine[i], ProcessLink(spine[i], result));
        }

        return result;
    }

    /// <summary>The left operand of a node whose processing starts by processing that operand, else null.</summary>
    private static Node? LeftOperand(Node expr) => expr switch
    {
        BinaryNode { Type: NodeType.Binary or NodeType.Apply or NodeType.RawFocus or NodeType.RawIndex } binary => binary.Lhs,
        ObjectNode { Type: NodeType.RawGroup } group => group.Lhs,
        SortNode { Type: NodeType.RawSort } sort => sort.Lhs,
        _ => null,
    };

    private static Node Finish(Node expr, Node result)
    {
        if (expr.KeepArray)
        {
            result.KeepArray = true;
        }

        return result;
    }

    /// <summary>Processes one link of a left-associative chain whose left operand is already processed.</summary>
    private Node ProcessLink(Node expr, Node lhs)
    {
        Node result;
        switch (expr)
        {
            case BinaryNode { Type: NodeType.Binary, Operator: "." } dot:
                result = ProcessDot(dot, lhs);
                break;
            case BinaryNode { Type: NodeType.Binary, Operator: "[" } predicate:
                result = ProcessPredicate(predicate, lhs);
                break;
            case ObjectNode { Type: NodeType.RawGroup } group:
                {
                    result = lhs;
                    if (result.Group is not null)
                    {
                        throw new JsonataException("S0210", "Each step can only have one grouping expression", group.Position);
                    }

                    var pairs = new List<(Node, Node)>(group.Pairs.Count);
                    foreach (var (k, v) in group.Pairs)
                    {
                        pairs.Add((Process(k), Process(v)));
                    }

                    result.Group = new GroupClause(pairs, group.Position);
                    break;
                }

            case SortNode { Type: NodeType.RawSort } sort:
                {
                    result = lhs;
                    var path = result as PathNode ?? new PathNode(result.Position, [result]);
                    var terms = new List<SortTerm>(sort.Terms.Count);
                    var step = new SortNode(sort.Position, terms, null);
                    foreach (var term in sort.Terms)
                    {
                        var expression = Process(term.Expression);
                        PushAncestry(step, expression);
                        terms.Add(new SortTerm(expression, term.Descending));
                    }

                    path.Steps.Add(step);
                    ResolveAncestry(path);
                    result = path;
                    break;
                }

            case BinaryNode { Type: NodeType.RawFocus } focus:
                {
                    result = lhs;
                    var step = result is PathNode p ? p.Steps[^1] : result;
                    if (step.Stages is not null || step.Predicates is not null)
                    {
                        throw new JsonataException("S0215", "A context variable binding must precede any predicates on a step", focus.Position);
                    }

                    if (step.Type == NodeType.Sort)
                    {
                        throw new JsonataException("S0216", "A context variable binding must precede the 'order-by' clause on a step", focus.Position);
                    }

                    if (focus.KeepArray)
                    {
                        step.KeepArray = true;
                    }

                    step.Focus = ((VariableNode)focus.Rhs).Name;
                    step.Tuple = true;
                    break;
                }

            case BinaryNode { Type: NodeType.RawIndex } index:
                {
                    result = lhs;
                    Node step;
                    if (result is PathNode p)
                    {
                        step = p.Steps[^1];
                    }
                    else
                    {
                        step = result;
                        result = new PathNode(step.Position, [step]);
                        if (step.Predicates is not null)
                        {
                            step.Stages = step.Predicates;
                            step.Predicates = null;
                        }
                    }

                    var name = ((VariableNode)index.Rhs).Name;
                    if (step.Stages is null)
                    {
                        step.IndexVariable = name;
                    }
                    else
                    {
                        step.Stages.Add(new Stage(null, name, index.Position));
                    }

                    step.Tuple = true;
                    break;
                }

            case BinaryNode { Type: NodeType.Apply } apply:
                apply.Lhs = lhs;
                apply.Rhs = Process(apply.Rhs);
                apply.KeepArray = apply.Lhs.KeepArray || apply.Rhs.KeepArray;
                result = apply;
                break;
            case BinaryNode binary:
                binary.Lhs = lhs;
                binary.Rhs = Process(binary.Rhs);
                PushAncestry(binary, binary.Lhs);
                PushAncestry(binary, binary.Rhs);
                result = binary;
                break;
            default:
                throw new InvalidOperationException($"Not a chain link: {expr.Type}");
        }

        return result;
    }

    /// <summary>Processes a node that is not a chain link: its children are nested (the parser bounds their depth).</summary>
    private Node ProcessNested(Node expr)
    {
        Node result;
        switch (expr)
        {
            case BinaryNode { Type: NodeType.Bind } bind:
                bind.Lhs = Process(bind.Lhs);
                bind.Rhs = Process(bind.Rhs);
                PushAncestry(bind, bind.Rhs);
                result = bind;
                break;
            case ArrayNode array:
                for (var i = 0; i < array.Items.Count; i++)
                {
                    array.Items[i] = Process(array.Items[i]);
                    PushAncestry(array, array.Items[i]);
                }

                result = array;
                break;
            case ObjectNode obj:
                for (var i = 0; i < obj.Pairs.Count; i++)
                {
                    var key = Process(obj.Pairs[i].Key);
                    PushAncestry(obj, key);
                    var value = Process(obj.Pairs[i].Value);
                    PushAncestry(obj, value);
                    obj.Pairs[i] = (key, value);
                }

                result = obj;
                break;
            case NegateNode negate:
                negate.Expression = Process(negate.Expression);
                if (negate.Expression is LiteralNode { Type: NodeType.Number } number)
                {
                    number.Value = Evaluation.Values.Number(-((StepFlow.Json.JsonNumber)number.Value).DoubleValue);
                    number.Text = "-" + number.Text;
                    result = number;
                }
                else
                {
                    PushAncestry(negate, negate.Expression);
                    result = negate;
                }

                break;
            case CallNode call:
                for (var i = 0; i < call.Arguments.Count; i++)
                {
                    call.Arguments[i] = Process(call.Arguments[i]);
                    PushAncestry(call, call.Arguments[i]);
                }

                call.ProcedureName = call.Procedure switch
                {
                    VariableNode v => v.Name,
                    NameNode n => n.Name,
                    _ => null,
                };
                call.Procedure = Process(call.Procedure);
                result = call;
                break;
            case LambdaNode lambda:
                lambda.Body = TailCallOptimize(Process(lambda.Body));
                result = lambda;
                break;
            case ConditionNode condition:
                condition.Condition = Process(condition.Condition);
                PushAncestry(condition, condition.Condition);
                condition.Then = condition.Type == NodeType.Condition ? Process(condition.Then) : condition.Condition;
                if (condition.Type == NodeType.Condition)
                {
                    PushAncestry(condition, condition.Then);
                }

                if (condition.Else is not null)
                {
                    condition.Else = Process(condition.Else);
                    PushAncestry(condition, condition.Else);
                }

                result = condition;
                break;
            case TransformNode transform:
                transform.Pattern = Process(transform.Pattern);
                transform.Update = Process(transform.Update);
                if (transform.Delete is not null)
                {
                    transform.Delete = Process(transform.Delete);
                }

                result = transform;
                break;
            case BlockNode block:
                for (var i = 0; i < block.Expressions.Count; i++)
                {
                    var part = Process(block.Expressions[i]);
                    block.Expressions[i] = part;
                    PushAncestry(block, part);
                    if (part.ConsArray || (part is PathNode path && path.Steps[0].ConsArray))
                    {
                        block.ConsArray = true;
                    }
                }

                result = block;
                break;
            case NameNode name:
                {
                    var path = new PathNode(name.Position, [name]);
                    if (name.KeepArray)
                    {
                        path.KeepSingletonArray = true;
                    }

                    result = path;
                    break;
                }

            case MarkerNode { Type: NodeType.Parent } parent:
                parent.Slot = new AncestorSlot { Label = "!" + _ancestorLabel++, Level = 1, Index = _ancestorIndex++ };
                _ancestry.Add(parent);
                result = parent;
                break;
            case OperatorNode op:
                if (op.Operator is "and" or "or" or "in")
                {
                    var n = new NameNode(op.Position, op.Operator) { KeepArray = op.KeepArray };
                    result = Process(n);
                }
                else if (op.Operator == "?")
                {
                    op.Type = NodeType.Placeholder;
                    result = op;
                }
                else
                {
                    throw new JsonataException("S0201", $"Syntax error: \"{op.Operator}\"", op.Position, op.Operator);
                }

                break;
            default:
                result = expr;
                break;
        }

        return result;
    }

    private PathNode ProcessDot(BinaryNode dot, Node lstep)
    {
        PathNode result;
        if (lstep is PathNode lp)
        {
            result = lp;
        }
        else
        {
            result = new PathNode(lstep.Position, [lstep]);
        }

        if (lstep.Type == NodeType.Parent)
        {
            result.SeekingParent = [((MarkerNode)lstep).Slot!];
        }

        var rest = Process(dot.Rhs);
        if (rest is PathNode rp)
        {
            result.Steps.AddRange(rp.Steps);
        }
        else
        {
            if (rest.Predicates is not null)
            {
                rest.Stages = rest.Predicates;
                rest.Predicates = null;
            }

            result.Steps.Add(rest);
        }

        for (var i = 0; i < result.Steps.Count; i++)
        {
            var step = result.Steps[i];
            if (step.Type is NodeType.Number or NodeType.Value)
            {
                throw new JsonataException("S0213", $"The literal value {((LiteralNode)step).Text} cannot be used as a step within a path expression", step.Position, null, ((LiteralNode)step).Value);
            }

            if (step is LiteralNode { Type: NodeType.String } lit)
            {
                var name = new NameNode(lit.Position, lit.Text)
                {
                    KeepArray = lit.KeepArray,
                    Stages = lit.Stages,
                    Predicates = lit.Predicates,
                    Group = lit.Group,
                    Focus = lit.Focus,
                    IndexVariable = lit.IndexVariable,
                    Tuple = lit.Tuple,
                    SeekingParent = lit.SeekingParent,
                };
                result.Steps[i] = name;
            }
        }

        foreach (var step in result.Steps)
        {
            if (step.KeepArray)
            {
                result.KeepSingletonArray = true;
                break;
            }
        }

        if (result.Steps[0] is ArrayNode first)
        {
            first.ConsArray = true;
        }

        if (result.Steps[^1] is ArrayNode last)
        {
            last.ConsArray = true;
        }

        ResolveAncestry(result);
        return result;
    }

    private Node ProcessPredicate(BinaryNode expr, Node result)
    {
        var step = result;
        var isStages = false;
        if (result is PathNode path)
        {
            step = path.Steps[^1];
            isStages = true;
        }

        if (step.Group is not null)
        {
            throw new JsonataException("S0209", "A predicate cannot follow a grouping expression in a step", expr.Position);
        }

        var predicate = Process(expr.Rhs);
        if (predicate.SeekingParent is not null)
        {
            foreach (var slot in predicate.SeekingParent)
            {
                if (slot.Level == 1)
                {
                    SeekParent(step, slot);
                }
                else
                {
                    slot.Level--;
                }
            }

            PushAncestry(step, predicate);
        }

        var stage = new Stage(predicate, null, expr.Position);
        if (isStages)
        {
            (step.Stages ??= []).Add(stage);
        }
        else
        {
            (step.Predicates ??= []).Add(stage);
        }

        return result;
    }

    private static Node TailCallOptimize(Node expr)
    {
        switch (expr)
        {
            case CallNode { Type: NodeType.Function } call when call.Predicates is null:
                return new LambdaNode(call.Position, [], null, call, thunk: true);
            case ConditionNode { Type: NodeType.Condition } condition:
                condition.Then = TailCallOptimize(condition.Then);
                if (condition.Else is not null)
                {
                    condition.Else = TailCallOptimize(condition.Else);
                }

                return condition;
            case BlockNode block when block.Expressions.Count > 0:
                block.Expressions[^1] = TailCallOptimize(block.Expressions[^1]);
                return block;
            default:
                return expr;
        }
    }

    private AncestorSlot SeekParent(Node node, AncestorSlot slot)
    {
        switch (node.Type)
        {
            case NodeType.Name:
            case NodeType.Wildcard:
                slot.Level--;
                if (slot.Level == 0)
                {
                    if (node.Ancestor is not null)
                    {
                        _ancestry[slot.Index].Slot!.Label = node.Ancestor.Label;
                    }

                    node.Ancestor = slot;
                    node.Tuple = true;
                }

                break;
            case NodeType.Parent:
                slot.Level++;
                break;
            case NodeType.Block:
                {
                    var block = (BlockNode)node;
                    if (block.Expressions.Count > 0)
                    {
                        node.Tuple = true;
                        slot = SeekParent(block.Expressions[^1], slot);
                    }

                    break;
                }

            case NodeType.Path:
                {
                    var path = (PathNode)node;
                    node.Tuple = true;
                    var index = path.Steps.Count - 1;
                    slot = SeekParent(path.Steps[index--], slot);
                    while (slot.Level > 0 && index >= 0)
                    {
                        slot = SeekParent(path.Steps[index--], slot);
                    }

                    break;
                }

            default:
                throw new JsonataException("S0217", $"The object representing the 'parent' cannot be derived from this expression", node.Position, node.Type.ToString().ToLowerInvariant());
        }

        return slot;
    }

    private static void PushAncestry(Node result, Node value)
    {
        if (value.SeekingParent is null && value.Type != NodeType.Parent)
        {
            return;
        }

        var slots = value.SeekingParent ?? [];
        if (value.Type == NodeType.Parent)
        {
            slots.Add(((MarkerNode)value).Slot!);
        }

        if (result.SeekingParent is null)
        {
            result.SeekingParent = slots;
        }
        else
        {
            result.SeekingParent.AddRange(slots);
        }
    }

    private void ResolveAncestry(PathNode path)
    {
        var index = path.Steps.Count - 1;
        var laststep = path.Steps[index];
        var slots = laststep.SeekingParent ?? [];
        if (laststep.Type == NodeType.Parent)
        {
            slots.Add(((MarkerNode)laststep).Slot!);
        }

        for (var s = 0; s < slots.Count; s++)
        {
            var slot = slots[s];
            index = path.Steps.Count - 2;
            while (slot.Level > 0)
            {
                if (index < 0)
                {
                    (path.SeekingParent ??= []).Add(slot);
                    break;
                }

                var step = path.Steps[index--];
                while (index >= 0 && step.Focus is not null && path.Steps[index].Focus is not null)
                {
                    step = path.Steps[index--];
                }

                slot = SeekParent(step, slot);
            }
        }
    }
}
