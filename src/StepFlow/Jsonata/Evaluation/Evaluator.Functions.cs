using System.Runtime.CompilerServices;
using StepFlow.Json;
using StepFlow.Jsonata.Ast;
using StepFlow.Jsonata.Functions;

namespace StepFlow.Jsonata.Evaluation;

/// <summary>Function invocation, partial application, chaining, transforms and sorting.</summary>
internal sealed partial class Evaluator
{
    private JsonValue? EvaluateFunction(CallNode expr, JsonValue? input, Environment env, JsonValue? applyTo, bool hasApplyTo)
    {
        var proc = Evaluate(expr.Procedure, input, env);
        if (proc is null && expr.Procedure is PathNode { Steps: [NameNode name, ..] } && env.Lookup(name.Name) is not null)
        {
            throw new JsonataException("T1005", $"Attempted to invoke a non-function. Did you mean ${name.Name}?", expr.Position, name.Name);
        }

        var count = expr.Arguments.Count + (hasApplyTo ? 1 : 0);
        var args = new JsonValue?[count];
        var offset = 0;
        if (hasApplyTo)
        {
            args[0] = applyTo;
            offset = 1;
        }

        for (var i = 0; i < expr.Arguments.Count; i++)
        {
            args[i + offset] = Evaluate(expr.Arguments[i], input, env);
        }

        try
        {
            return Apply(proc, args, input, env);
        }
        catch (JsonataException e) when (Annotate(e, expr.Position, expr.ProcedureName))
        {
            throw;
        }
    }

    /// <summary>
    /// Adds position and token to an error as it passes, from an exception filter: filters run without unwinding,
    /// so deep recursion does not nest a catch-and-rethrow per level (which would exhaust the stack).
    /// </summary>
    private static bool Annotate(JsonataException e, int position, string? token)
    {
        if (e.Position < 0)
        {
            e.Position = position;
        }

        e.Token ??= token;
        return false;
    }

    public JsonValue? Apply(JsonValue? proc, JsonValue?[] args, JsonValue? input, Environment env)
    {
        // Chained or partially applied built-ins call each other without passing through Evaluate.
        if (!RuntimeHelpers.TryEnsureSufficientExecutionStack())
        {
            throw new JsonataException("U1001", StackOverflowMessage);
        }

        var result = ApplyInner(proc, args, input, env);
        while (result is LambdaFunction { Node.Thunk: true } thunk)
        {
            CheckLimits();
            var call = (CallNode)thunk.Node.Body;
            var next = Evaluate(call.Procedure, thunk.Input, thunk.Environment);
            var evaluated = new JsonValue?[call.Arguments.Count];
            for (var i = 0; i < evaluated.Length; i++)
            {
                evaluated[i] = Evaluate(call.Arguments[i], thunk.Input, thunk.Environment);
            }

            try
            {
                result = ApplyInner(next, evaluated, input, env);
            }
            catch (JsonataException e) when (Annotate(e, -1, call.ProcedureName))
            {
                throw;
            }
        }

        return result;
    }

    private JsonValue? ApplyInner(JsonValue? proc, JsonValue?[] args, JsonValue? input, Environment env)
    {
        if (proc is not FunctionValue function)
        {
            throw new JsonataException("T1006", "Attempted to invoke a non-function");
        }

        foreach (var arg in args)
        {
            if (arg is NonFiniteNumber && function is not NativeFunction { Name: "string" })
            {
                throw new JsonataException("D1001", "Number out of range");
            }
        }

        var validated = function.Signature is { } signature ? signature.Validate(args, input, Level22) : args;
        switch (function)
        {
            case LambdaFunction lambda:
                {
                    var frame = new Environment(lambda.Environment);
                    var parameters = lambda.Node.Parameters;
                    for (var i = 0; i < parameters.Count; i++)
                    {
                        frame.Bind(parameters[i], i < validated.Length ? validated[i] : null);
                    }

                    return Evaluate(lambda.Node.Body, lambda.Input, frame);
                }

            case NativeFunction native:
                return native.Implementation(this, validated, input, env);
            case PartialFunction partial:
                {
                    var full = new JsonValue?[partial.Arguments.Length];
                    var next = 0;
                    for (var i = 0; i < full.Length; i++)
                    {
                        full[i] = partial.Holes[i] ? (next < validated.Length ? validated[next++] : null) : partial.Arguments[i];
                    }

                    return Apply(partial.Inner, full, input, env);
                }

            case RegexFunction regex:
                return validated.Length > 0 && validated[0] is JsonString s ? RegexSupport.MatchObject(this, regex, s.Value, 0) : null;
            default:
                throw new JsonataException("T1006", "Attempted to invoke a non-function");
        }
    }

    private JsonValue? EvaluatePartial(CallNode expr, JsonValue? input, Environment env)
    {
        var args = new JsonValue?[expr.Arguments.Count];
        var holes = new bool[args.Length];
        for (var i = 0; i < args.Length; i++)
        {
            var arg = expr.Arguments[i];
            if (arg.Type == NodeType.Placeholder)
            {
                holes[i] = true;
            }
            else
            {
                args[i] = Evaluate(arg, input, env);
            }
        }

        var proc = Evaluate(expr.Procedure, input, env);
        if (proc is null && expr.Procedure is PathNode { Steps: [NameNode name, ..] } && env.Lookup(name.Name) is not null)
        {
            throw new JsonataException("T1007", $"Attempted to partially apply a non-function. Did you mean ${name.Name}?", expr.Position, name.Name);
        }

        if (proc is not FunctionValue function)
        {
            throw new JsonataException("T1008", "Attempted to partially apply a non-function", expr.Position, expr.ProcedureName);
        }

        if (function is LambdaFunction lambda && args.Length < lambda.Arity)
        {
            Array.Resize(ref args, lambda.Arity);
            Array.Resize(ref holes, lambda.Arity);
        }

        return new PartialFunction(function, args, holes);
    }

    private JsonValue? EvaluateApply(BinaryNode expr, JsonValue? input, Environment env)
    {
        if (IsChainLink(expr.Lhs) && ChainLength(expr) > RecursiveChainLength)
        {
            return EvaluateChain(expr, input, env);
        }

        return ApplyChained(expr, Evaluate(expr.Lhs, input, env), input, env);
    }

    private JsonValue? ApplyChained(BinaryNode expr, JsonValue? lhs, JsonValue? input, Environment env)
    {
        if (expr.Rhs.Type == NodeType.Function)
        {
            return EvaluateFunction((CallNode)expr.Rhs, input, env, lhs, true);
        }

        var func = Evaluate(expr.Rhs, input, env);
        if (func is not FunctionValue f)
        {
            throw new JsonataException("T2006", "The right side of the function application operator ~> must be a function", expr.Position, "~>", Values.FreezeOrNull(func));
        }

        if (lhs is FunctionValue g)
        {
            return new NativeFunction("chain", null, (ev, a, i, e) =>
            {
                var first = ev.Apply(g, a.Length > 0 ? [a[0]] : [null], null, e);
                return ev.Apply(f, [first], null, e);
            }, 1);
        }

        return Apply(f, [lhs], null, env);
    }

    private NativeFunction CreateTransform(TransformNode expr, Environment env) =>
        new("transform", "<(oa):o>", (ev, args, input, e) => ev.Transform(expr, args[0], env));

    private JsonValue? Transform(TransformNode expr, JsonValue? obj, Environment env)
    {
        if (obj is null)
        {
            return null;
        }

        // Matches are found by reference below, so one node that appears at two places (immutable values are shared:
        // a template can copy one input twice, a definition's identical blocks are one node) must become two, as the
        // reference implementation's deep copy of its input makes them.
        var root = Unshare(Values.Freeze(obj));
        var matches = Evaluate(expr.Pattern, root, env);
        if (matches is null)
        {
            return root;
        }

        JsonValue[]? holder = null;
        var updates = new Dictionary<JsonValue, (JsonObject? Update, List<string>? Deletes)>(ReferenceEqualityComparer.Instance);
        foreach (var match in AsList(matches, ref holder))
        {
            var update = Evaluate(expr.Update, match, env);
            JsonObject? updateObject = null;
            if (update is not null)
            {
                if (update is not JsonObject uo)
                {
                    throw new JsonataException("T2011", "The insert/update clause of the transform expression must evaluate to an object", expr.Update.Position, null, Values.FreezeOrNull(update));
                }

                updateObject = uo;
            }

            List<string>? deletes = null;
            if (expr.Delete is not null)
            {
                var deletions = Evaluate(expr.Delete, match, env);
                if (deletions is not null)
                {
                    JsonValue[]? h = null;
                    deletes = [];
                    foreach (var d in AsList(deletions, ref h))
                    {
                        if (d is not JsonString ds)
                        {
                            throw new JsonataException("T2012", "The delete clause of the transform expression must evaluate to a string or array of strings", expr.Delete.Position, null, Values.FreezeOrNull(deletions));
                        }

                        deletes.Add(ds.Value);
                    }
                }
            }

            if (match is JsonObject)
            {
                if (updates.TryGetValue(match, out var existing))
                {
                    var merged = existing.Update;
                    if (updateObject is not null)
                    {
                        merged = merged is null ? updateObject : Library.MergeObjects(this, merged, updateObject);
                    }

                    var dels = existing.Deletes;
                    if (deletes is not null)
                    {
                        (dels ??= []).AddRange(deletes);
                    }

                    updates[match] = (merged, dels);
                }
                else
                {
                    updates[match] = (updateObject, deletes);
                }
            }
        }

        return updates.Count == 0 ? root : Rebuild(root, updates, 0);
    }

    /// <summary>
    /// <paramref name="value"/> with a container met a second time (by reference) replaced by a copy, so that every
    /// container sits at exactly one place. Nodes are copied only when they repeat.
    /// </summary>
    private static JsonValue Unshare(JsonValue value)
    {
        var seen = new HashSet<JsonValue>(ReferenceEqualityComparer.Instance);
        return Unshare(value, seen, 0);
    }

    private static JsonValue Unshare(JsonValue node, HashSet<JsonValue> seen, int depth)
    {
        ValueDepth.Check(depth);
        switch (node)
        {
            case JsonObject { Count: > 0 } obj:
                {
                    var repeated = !seen.Add(obj);
                    KeyValuePair<string, JsonValue>[]? copy = repeated ? obj.Members.ToArray() : null;
                    var members = obj.Members;
                    for (var i = 0; i < members.Length; i++)
                    {
                        var child = Unshare(members[i].Value, seen, depth + 1);
                        if (!ReferenceEquals(child, members[i].Value))
                        {
                            copy ??= members.ToArray();
                            copy[i] = new KeyValuePair<string, JsonValue>(members[i].Key, child);
                        }
                    }

                    return copy is null ? obj : JsonObject.TakeOwnership(copy);
                }

            case JsonArray { Count: > 0 } array:
                {
                    var repeated = !seen.Add(array);
                    JsonValue[]? copy = repeated ? array.Items.ToArray() : null;
                    var items = array.Items;
                    for (var i = 0; i < items.Length; i++)
                    {
                        var child = Unshare(items[i], seen, depth + 1);
                        if (!ReferenceEquals(child, items[i]))
                        {
                            copy ??= items.ToArray();
                            copy[i] = child;
                        }
                    }

                    return copy is null ? array : JsonArray.TakeOwnership(copy);
                }

            default:
                return node;
        }
    }

    private static JsonValue Rebuild(JsonValue node, Dictionary<JsonValue, (JsonObject? Update, List<string>? Deletes)> updates, int depth)
    {
        ValueDepth.Check(depth);
        switch (node)
        {
            case JsonObject obj:
                {
                    KeyValuePair<string, JsonValue>[]? copy = null;
                    var members = obj.Members;
                    for (var i = 0; i < members.Length; i++)
                    {
                        var child = members[i].Value;
                        var rebuilt = Rebuild(child, updates, depth + 1);
                        if (!ReferenceEquals(rebuilt, child))
                        {
                            copy ??= members.ToArray();
                            copy[i] = new KeyValuePair<string, JsonValue>(members[i].Key, rebuilt);
                        }
                    }

                    JsonObject result = copy is null ? obj : JsonObject.TakeOwnership(copy);
                    if (updates.TryGetValue(obj, out var change))
                    {
                        if (change.Update is not null)
                        {
                            result = Library.MergeObjects(null, result, change.Update);
                        }

                        if (change.Deletes is not null)
                        {
                            foreach (var d in change.Deletes)
                            {
                                result = result.Remove(d);
                            }
                        }
                    }

                    return result;
                }

            case JsonArray array:
                {
                    JsonValue[]? copy = null;
                    var items = array.Items;
                    for (var i = 0; i < items.Length; i++)
                    {
                        var rebuilt = Rebuild(items[i], updates, depth + 1);
                        if (!ReferenceEquals(rebuilt, items[i]))
                        {
                            copy ??= items.ToArray();
                            copy[i] = rebuilt;
                        }
                    }

                    return copy is null ? array : JsonArray.TakeOwnership(copy);
                }

            default:
                return node;
        }
    }

    private JsonValue? EvaluateSort(SortNode expr, JsonValue? input, Environment env)
    {
        if (input is null)
        {
            return null;
        }

        var isTupleSort = input is Sequence { TupleStream: true };
        JsonValue[]? holder = null;
        var items = AsList(input, ref holder).ToArray();
        var terms = expr.Terms;
        var keys = new JsonValue?[items.Length, terms.Count];
        for (var i = 0; i < items.Length; i++)
        {
            var context = items[i];
            var frame = env;
            if (isTupleSort)
            {
                var tuple = (TupleValue)items[i];
                context = tuple.Context!;
                frame = FrameFromTuple(env, tuple);
            }

            for (var t = 0; t < terms.Count; t++)
            {
                keys[i, t] = Evaluate(terms[t].Expression, context, frame);
            }
        }

        var index = new int[items.Length];
        for (var i = 0; i < index.Length; i++)
        {
            index[i] = i;
        }

        int Compare(int a, int b)
        {
            for (var t = 0; t < terms.Count; t++)
            {
                var aa = keys[a, t];
                var bb = keys[b, t];
                int comp;
                if (aa is null)
                {
                    comp = bb is null ? 0 : 1;
                    if (comp != 0)
                    {
                        return comp;
                    }

                    continue;
                }

                if (bb is null)
                {
                    return -1;
                }

                if (aa is not (JsonString or JsonNumber) || bb is not (JsonString or JsonNumber))
                {
                    throw new JsonataException("T2008", "The expressions within an order-by clause must evaluate to numeric or string values", expr.Position, null, Values.FreezeOrNull(aa is JsonString or JsonNumber ? bb : aa));
                }

                if (aa.GetType() != bb.GetType())
                {
                    throw new JsonataException("T2007", "Type mismatch within order-by clause. All values must be of the same type", expr.Position, null, aa);
                }

                comp = aa is JsonNumber x ? x.DoubleValue.CompareTo(((JsonNumber)bb).DoubleValue) : string.CompareOrdinal(((JsonString)aa).Value, ((JsonString)bb).Value);
                comp = Math.Sign(comp);
                if (terms[t].Descending)
                {
                    comp = -comp;
                }

                if (comp != 0)
                {
                    return comp;
                }
            }

            return 0;
        }

        index = Library.MergeSort(index, (a, b) => Compare(a, b) > 0);
        var result = new Sequence(true, items.Length) { TupleStream = isTupleSort };
        foreach (var i in index)
        {
            result.Add(items[i]);
        }

        return result;
    }
}
