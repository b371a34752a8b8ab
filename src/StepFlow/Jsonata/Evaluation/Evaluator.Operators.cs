using StepFlow.Json;
using StepFlow.Jsonata.Ast;
using StepFlow.Jsonata.Functions;

namespace StepFlow.Jsonata.Evaluation;

/// <summary>Operators, constructors, conditionals, blocks and bindings.</summary>
internal sealed partial class Evaluator
{
    /// <summary>Left operands at most this deep are evaluated by recursion; a longer chain is walked in a loop.</summary>
    private const int RecursiveChainLength = 32;

    private JsonValue? EvaluateBinary(BinaryNode expr, JsonValue? input, Environment env)
    {
        if (IsChainLink(expr.Lhs) && ChainLength(expr) > RecursiveChainLength)
        {
            return EvaluateChain(expr, input, env);
        }

        return ApplyBinary(expr, Evaluate(expr.Lhs, input, env), input, env);
    }

    /// <summary>
    /// A binary operator or <c>~&gt;</c> node for which <see cref="Evaluate"/> does nothing but dispatch and unwrap a
    /// singleton sequence: no predicates, group or <c>[]</c>, and not the range operator.
    /// </summary>
    private static bool IsChainLink(Node node) =>
        node is BinaryNode { Type: NodeType.Binary or NodeType.Apply, Predicates: null, Group: null, KeepArray: false } b && b.Operator != "..";

    private static int ChainLength(BinaryNode expr)
    {
        var length = 0;
        for (Node node = expr; IsChainLink(node) && length <= RecursiveChainLength; node = ((BinaryNode)node).Lhs)
        {
            length++;
        }

        return length;
    }

    /// <summary>
    /// Evaluates a long left-associative chain (<c>1 + 1 + ...</c>, <c>a and b and ...</c>, <c>x ~&gt; $f ~&gt; $g ...</c>)
    /// bottom-up in a loop, so its length costs neither stack nor evaluation depth.
    /// </summary>
    private JsonValue? EvaluateChain(BinaryNode top, JsonValue? input, Environment env)
    {
        var links = new List<BinaryNode>();
        Node node = top;
        while (IsChainLink(node))
        {
            var link = (BinaryNode)node;
            links.Add(link);
            node = link.Lhs;
        }

        var value = Evaluate(node, input, env);
        for (var i = links.Count - 1; i >= 0; i--)
        {
            CheckLimits();
            var link = links[i];
            value = link.Type == NodeType.Apply ? ApplyChained(link, value, input, env) : ApplyBinary(link, value, input, env);
            if (value is Sequence { IsSequence: true, TupleStream: false } seq && (seq.Count == 0 || (seq.Count == 1 && !seq.KeepSingleton)))
            {
                // What Evaluate does to every result: an empty sequence is undefined, a singleton its item.
                value = seq.Count == 0 ? null : seq[0];
            }
        }

        return value;
    }

    private JsonValue? ApplyBinary(BinaryNode expr, JsonValue? lhs, JsonValue? input, Environment env)
    {
        var op = expr.Operator;
        try
        {
            if (op == "and")
            {
                return JsonValue.From(Values.Truthy(lhs) && Values.Truthy(Evaluate(expr.Rhs, input, env)));
            }

            if (op == "or")
            {
                return JsonValue.From(Values.Truthy(lhs) || Values.Truthy(Evaluate(expr.Rhs, input, env)));
            }

            var rhs = Evaluate(expr.Rhs, input, env);
            switch (op)
            {
                case "+" or "-" or "*" or "/" or "%":
                    return Arithmetic(lhs, rhs, op);
                case "=" or "!=":
                    if (lhs is null || rhs is null)
                    {
                        return JsonValue.False;
                    }

                    return JsonValue.From(Values.DeepEquals(lhs, rhs) == (op == "="));
                case "<" or "<=" or ">" or ">=":
                    return Compare(lhs, rhs, op);
                case "&":
                    {
                        var left = lhs is null ? string.Empty : Library.StringOf(this, lhs, false);
                        var right = rhs is null ? string.Empty : Library.StringOf(this, rhs, false);
                        Charge((long)left.Length + right.Length);
                        return new JsonString(string.Concat(left, right));
                    }

                case "..":
                    return Range(lhs, rhs);
                case "in":
                    {
                        if (lhs is null || rhs is null)
                        {
                            return JsonValue.False;
                        }

                        JsonValue[]? holder = null;
                        foreach (var item in AsList(rhs, ref holder))
                        {
                            if (Values.StrictEquals(item, lhs))
                            {
                                return JsonValue.True;
                            }
                        }

                        return JsonValue.False;
                    }

                default:
                    throw new JsonataException("S0201", $"Syntax error: \"{op}\"", expr.Position, op);
            }
        }
        catch (JsonataException e) when (Annotate(e, expr.Position, op))
        {
            throw;
        }
    }

    private static JsonValue? Arithmetic(JsonValue? lhs, JsonValue? rhs, string op)
    {
        if (lhs is NonFiniteNumber || rhs is NonFiniteNumber)
        {
            throw new JsonataException("D1001", "Number out of range", -1, op);
        }

        if (lhs is not null && lhs is not JsonNumber)
        {
            throw new JsonataException("T2001", $"The left side of the {op} operator must evaluate to a number", -1, op, Values.FreezeOrNull(lhs));
        }

        if (rhs is not null && rhs is not JsonNumber)
        {
            throw new JsonataException("T2002", $"The right side of the {op} operator must evaluate to a number", -1, op, Values.FreezeOrNull(rhs));
        }

        if (lhs is null || rhs is null)
        {
            return null;
        }

        var l = (JsonNumber)lhs;
        var r = (JsonNumber)rhs;
        if (l.IsInteger && r.IsInteger && op is "+" or "-" or "*")
        {
            var a = l.IntegerValue;
            var b = r.IntegerValue;
            if (Math.Abs(a) < (1L << 31) && Math.Abs(b) < (1L << 31))
            {
                return Values.Number(op switch { "+" => a + b, "-" => a - b, _ => a * b });
            }
        }

        var x = l.DoubleValue;
        var y = r.DoubleValue;
        var result = op switch
        {
            "+" => x + y,
            "-" => x - y,
            "*" => x * y,
            "/" => x / y,
            _ => x % y,
        };
        return double.IsFinite(result) ? Values.Number(result) : new NonFiniteNumber(result);
    }

    private static JsonValue? Compare(JsonValue? lhs, JsonValue? rhs, string op)
    {
        var lcomparable = lhs is null or JsonString or JsonNumber;
        var rcomparable = rhs is null or JsonString or JsonNumber;
        if (!lcomparable || !rcomparable)
        {
            var bad = lhs is JsonString or JsonNumber ? rhs : lhs;
            throw new JsonataException("T2010", $"The expressions either side of operator \"{op}\" must evaluate to numeric or string values", -1, op, Values.FreezeOrNull(bad));
        }

        if (lhs is null || rhs is null)
        {
            return null;
        }

        int c;
        if (lhs is JsonNumber a && rhs is JsonNumber b)
        {
            c = a.DoubleValue.CompareTo(b.DoubleValue);
        }
        else if (lhs is JsonString s && rhs is JsonString t)
        {
            c = string.CompareOrdinal(s.Value, t.Value);
        }
        else
        {
            throw new JsonataException("T2009", $"The values {Library.StringOf(null, lhs, false)} and {Library.StringOf(null, rhs, false)} either side of operator \"{op}\" must be of the same data type", -1, op, lhs);
        }

        return JsonValue.From(op switch
        {
            "<" => c < 0,
            "<=" => c <= 0,
            ">" => c > 0,
            _ => c >= 0,
        });
    }

    private JsonValue? Range(JsonValue? lhs, JsonValue? rhs)
    {
        if (lhs is not null && !Values.IsInteger(lhs))
        {
            throw new JsonataException("T2003", "The left side of the range operator (..) must evaluate to an integer", -1, "..", Values.FreezeOrNull(lhs));
        }

        if (rhs is not null && !Values.IsInteger(rhs))
        {
            throw new JsonataException("T2004", "The right side of the range operator (..) must evaluate to an integer", -1, "..", Values.FreezeOrNull(rhs));
        }

        if (lhs is null || rhs is null)
        {
            return null;
        }

        var from = Values.ToDouble(lhs);
        var to = Values.ToDouble(rhs);
        if (from > to)
        {
            return null;
        }

        var size = to - from + 1;
        if (size > 1e7)
        {
            throw new JsonataException("D2014", $"The size of the sequence allocated by the range operator (..) must not exceed 1e7.  Attempted to allocate {Values.FormatJs(size)}.", -1, "..", Values.Number(size));
        }

        CheckSize((long)size);
        Charge((long)size);
        var result = new Sequence(true, (int)size);
        for (var v = (long)from; v <= (long)to; v++)
        {
            CheckLimits();
            result.Add(Values.Number(v));
        }

        return result;
    }

    private JsonValue? EvaluateNegate(NegateNode expr, JsonValue? input, Environment env)
    {
        var value = Evaluate(expr.Expression, input, env);
        if (value is null)
        {
            return null;
        }

        if (value is JsonNumber n)
        {
            return n.IsInteger ? Values.Number(-n.IntegerValue) : Values.Number(-n.DoubleValue);
        }

        throw new JsonataException("D1002", "Cannot negate a non-numeric value", expr.Position, "-", Values.FreezeOrNull(value));
    }

    private Sequence EvaluateArray(ArrayNode expr, JsonValue? input, Environment env)
    {
        var result = new Sequence(false, expr.Items.Count);
        foreach (var item in expr.Items)
        {
            var value = Evaluate(item, input, env);
            if (value is null)
            {
                continue;
            }

            if (item.Type == NodeType.ArrayConstructor)
            {
                Charge(1);
                result.Add(value);
            }
            else if (Values.IsArray(value))
            {
                var items = Values.Items(value);
                Charge(items.Length);
                result.AddRange(items);
            }
            else
            {
                Charge(1);
                result.Add(value);
            }
        }

        CheckSize(result.Count);
        if (expr.ConsArray)
        {
            result.Cons = true;
        }

        return result;
    }

    private JsonObject EvaluateGroup(List<(Node Key, Node Value)> pairs, int position, JsonValue? input, Environment env)
    {
        var reduce = input is Sequence { TupleStream: true };
        JsonValue[]? holder = null;
        ReadOnlySpan<JsonValue> items = input is null ? new JsonValue[] { null! } : AsList(input, ref holder);
        if (items.Length == 0)
        {
            items = new JsonValue[] { null! };
        }

        var order = new List<string>();
        var groups = new Dictionary<string, (JsonValue? Data, int Index, Sequence? Owned)>(StringComparer.Ordinal);
        foreach (var item in items)
        {
            var tupleItem = item as TupleValue;
            var frame = reduce && tupleItem is not null ? FrameFromTuple(env, tupleItem) : env;
            for (var pairIndex = 0; pairIndex < pairs.Count; pairIndex++)
            {
                var key = Evaluate(pairs[pairIndex].Key, reduce ? tupleItem?.Context : item, frame);
                if (key is null)
                {
                    continue;
                }

                if (key is not JsonString ks)
                {
                    throw new JsonataException("T1003", $"Key in object structure must evaluate to a string; got: {Library.StringOf(null, key, false)}", position, null, Values.FreezeOrNull(key));
                }

                if (groups.TryGetValue(ks.Value, out var entry))
                {
                    if (entry.Index != pairIndex)
                    {
                        throw new JsonataException("D1009", $"Multiple key definitions evaluate to same key: \"{ks.Value}\"", position, null, ks);
                    }

                    var owned = entry.Owned;
                    var data = Library.AppendInto(this, entry.Data, ref owned, item);
                    groups[ks.Value] = (data, pairIndex, owned);
                }
                else
                {
                    Charge(1);
                    groups[ks.Value] = (item, pairIndex, null);
                    order.Add(ks.Value);
                }
            }
        }

        var members = new List<KeyValuePair<string, JsonValue>>(order.Count);
        foreach (var key in order)
        {
            var entry = groups[key];
            var context = entry.Data;
            var frame = env;
            if (reduce && entry.Data is not null)
            {
                var tuple = ReduceTupleStream(entry.Data);
                context = tuple.Context;
                tuple.Context = null;
                frame = FrameFromTuple(env, tuple);
            }

            var value = Evaluate(pairs[entry.Index].Value, context, frame);
            if (value is not null)
            {
                Charge(1);
                members.Add(new KeyValuePair<string, JsonValue>(key, Values.Freeze(value)));
            }
        }

        return JsonObject.TakeOwnership([.. members]);
    }

    private TupleValue ReduceTupleStream(JsonValue? stream)
    {
        if (stream is TupleValue single)
        {
            return single.Copy();
        }

        var items = Values.Items(stream!);
        var first = (TupleValue)items[0];
        var result = first.Copy();
        Sequence? ownedContext = null;
        Dictionary<string, Sequence?>? ownedBindings = null;
        for (var i = 1; i < items.Length; i++)
        {
            var t = (TupleValue)items[i];
            result.Context = Library.AppendInto(this, result.Context, ref ownedContext, t.Context);
            if (t.Bindings is not null)
            {
                ownedBindings ??= new Dictionary<string, Sequence?>(StringComparer.Ordinal);
                foreach (var pair in t.Bindings)
                {
                    JsonValue? existing = null;
                    result.Bindings?.TryGetValue(pair.Key, out existing);
                    ownedBindings.TryGetValue(pair.Key, out var owned);
                    result.Bind(pair.Key, Library.AppendInto(this, existing, ref owned, pair.Value));
                    ownedBindings[pair.Key] = owned;
                }
            }
        }

        return result;
    }

    private JsonValue? EvaluateCondition(ConditionNode expr, JsonValue? input, Environment env)
    {
        var condition = Evaluate(expr.Condition, input, env);
        if (Values.Truthy(condition))
        {
            return Evaluate(expr.Then, input, env);
        }

        return expr.Else is null ? null : Evaluate(expr.Else, input, env);
    }

    private JsonValue? EvaluateCoalesce(ConditionNode expr, JsonValue? input, Environment env)
    {
        var value = Evaluate(expr.Condition, input, env);
        return value is not null ? value : Evaluate(expr.Else!, input, env);
    }

    private JsonValue? EvaluateDefault(ConditionNode expr, JsonValue? input, Environment env)
    {
        var value = Evaluate(expr.Condition, input, env);
        return Values.Truthy(value) ? value : Evaluate(expr.Else!, input, env);
    }

    private JsonValue? EvaluateBlock(BlockNode expr, JsonValue? input, Environment env)
    {
        var frame = new Environment(env);
        JsonValue? result = null;
        foreach (var e in expr.Expressions)
        {
            result = Evaluate(e, input, frame);
        }

        return result;
    }

    private JsonValue? EvaluateBind(BinaryNode expr, JsonValue? input, Environment env)
    {
        var value = Evaluate(expr.Rhs, input, env);
        env.Bind(((VariableNode)expr.Lhs).Name, value);
        return value;
    }

    private static JsonValue? EvaluateVariable(VariableNode expr, JsonValue? input, Environment env)
    {
        if (expr.Name.Length == 0)
        {
            return input is Sequence { OuterWrapper: true } wrapper && wrapper.Count > 0 ? wrapper[0] : input;
        }

        return env.Lookup(expr.Name);
    }
}
