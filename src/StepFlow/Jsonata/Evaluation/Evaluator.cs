using System.Runtime.CompilerServices;
using StepFlow.Json;
using StepFlow.Jsonata.Ast;

namespace StepFlow.Jsonata.Evaluation;

/// <summary>
/// Evaluates a compiled tree with JSONata's sequence semantics. One instance per evaluation: it holds the
/// limits (depth, time, size), the evaluation timestamp and the random source; the tree itself is shared.
/// </summary>
internal sealed partial class Evaluator
{
    /// <summary>The reference implementation's message for U1001 when evaluation nests too deeply.</summary>
    public const string StackOverflowMessage = "Stack overflow error: Check for non-terminating recursive function.  Consider rewriting as tail-recursive.";

    private readonly int _maxDepth;
    private readonly long _sizeLimit;
    private EvaluationClock _clock;
    private readonly CancellationToken _cancellation;
    private int _depth;
    private int _ticks;
    private long _size;

    public Evaluator(JsonataOptions options, CancellationToken cancellation)
        : this(options, null, null, cancellation)
    {
    }

    /// <summary>An evaluator whose time and size limits, when given, replace the options' ones.</summary>
    public Evaluator(JsonataOptions options, TimeSpan? timeLimit, long? sizeLimit, CancellationToken cancellation, Random? seededRandom = null)
    {
        SeededRandom = seededRandom;
        Options = options;
        _maxDepth = options.MaxDepth;
        _sizeLimit = sizeLimit ?? options.SizeLimit ?? long.MaxValue;
        var time = options.TimeProvider ?? TimeProvider.System;
        _clock = EvaluationClock.Start(timeLimit ?? options.TimeLimit, options.TimeMeasure, time);
        _cancellation = cancellation;
        Now = time.GetUtcNow();
        Level22 = options.Level == JsonataLevel.V2_2;
    }

    public JsonataOptions Options { get; }

    public DateTimeOffset Now { get; }

    public bool Level22 { get; }

    private Random? _random;

    /// <summary>The host's seeded source of randomness (see <see cref="IJsonataBindings.Random"/>), or null.</summary>
    public Random? SeededRandom { get; }

    /// <summary>The source <c>$random</c> and <c>$shuffle</c> draw from: the host's seeded one, else one made on first use.</summary>
    public Random Random => SeededRandom ?? (_random ??= new Random());

    public long MaxItems => Options.MaxResultItems;

    /// <summary>Counts one step of work; every 256 steps, checks cancellation and the time limit.</summary>
    public void CheckLimits()
    {
        if ((++_ticks & 255) == 0)
        {
            _cancellation.ThrowIfCancellationRequested();
            if (_clock.Expired())
            {
                throw new JsonataException("U1001", "Expression evaluation timeout: Check for infinite loop");
            }
        }
    }

    /// <summary>
    /// Counts <paramref name="units"/> (string characters, array items or object members about to be created) against
    /// the evaluation's size limit, before they are allocated; also counts a step of work.
    /// </summary>
    public void Charge(long units)
    {
        _size += units;
        if (_size > _sizeLimit || units < 0)
        {
            throw new JsonataException(
                "U1001",
                string.Create(System.Globalization.CultureInfo.InvariantCulture, $"Expression evaluation size limit exceeded: it would create more than {_sizeLimit} characters, items and members"));
        }

        CheckLimits();
    }

    /// <summary>The characters, items and members an evaluation may still create.</summary>
    public long SizeRemaining => _sizeLimit - _size;

    public JsonValue? Evaluate(Node expr, JsonValue? input, Environment env)
    {
        if (++_depth > _maxDepth || !RuntimeHelpers.TryEnsureSufficientExecutionStack())
        {
            _depth--;
            throw new JsonataException("U1001", StackOverflowMessage, expr.Position);
        }

        CheckLimits();
        JsonValue? result;
        try
        {
            result = expr.Type switch
            {
                NodeType.Path => EvaluatePath((PathNode)expr, input, env),
                NodeType.Binary => EvaluateBinary((BinaryNode)expr, input, env),
                NodeType.Negate => EvaluateNegate((NegateNode)expr, input, env),
                NodeType.ArrayConstructor => EvaluateArray((ArrayNode)expr, input, env),
                NodeType.ObjectConstructor => EvaluateGroup(((ObjectNode)expr).Pairs, expr.Position, input, env),
                NodeType.Name => Lookup(input, ((NameNode)expr).Name),
                NodeType.String or NodeType.Number or NodeType.Value => ((LiteralNode)expr).Value,
                NodeType.Wildcard => EvaluateWildcard(input),
                NodeType.Descendant => EvaluateDescendants(input),
                NodeType.Parent => env.Lookup(((MarkerNode)expr).Slot!.Label),
                NodeType.Condition => EvaluateCondition((ConditionNode)expr, input, env),
                NodeType.Coalesce => EvaluateCoalesce((ConditionNode)expr, input, env),
                NodeType.Default => EvaluateDefault((ConditionNode)expr, input, env),
                NodeType.Block => EvaluateBlock((BlockNode)expr, input, env),
                NodeType.Bind => EvaluateBind((BinaryNode)expr, input, env),
                NodeType.Regex => new RegexFunction(((RegexNode)expr).Regex, ((RegexNode)expr).Pattern),
                NodeType.Function => EvaluateFunction((CallNode)expr, input, env, null, false),
                NodeType.Variable => EvaluateVariable((VariableNode)expr, input, env),
                NodeType.Lambda => new LambdaFunction((LambdaNode)expr, input, env),
                NodeType.Partial => EvaluatePartial((CallNode)expr, input, env),
                NodeType.Apply => EvaluateApply((BinaryNode)expr, input, env),
                NodeType.Transform => CreateTransform((TransformNode)expr, env),
                NodeType.Sort => EvaluateSort((SortNode)expr, input, env),
                NodeType.Placeholder => null,
                _ => throw new JsonataException("S0201", "Syntax error", expr.Position),
            };

            if (expr.Predicates is { } predicates)
            {
                foreach (var stage in predicates)
                {
                    result = EvaluateFilter(stage.Filter!, result, env);
                }
            }

            if (expr.Type != NodeType.Path && expr.Group is { } group)
            {
                result = EvaluateGroup(group.Pairs, group.Position, result, env);
            }
        }
        finally
        {
            _depth--;
        }

        if (result is Sequence { IsSequence: true, TupleStream: false } seq)
        {
            if (expr.KeepArray)
            {
                seq.KeepSingleton = true;
            }

            if (seq.Count == 0)
            {
                return null;
            }

            if (seq.Count == 1 && !seq.KeepSingleton)
            {
                return seq[0];
            }
        }

        return result;
    }

    // ---------------------------------------------------------------- paths

    private static ReadOnlySpan<JsonValue> AsList(JsonValue? value, ref JsonValue[]? holder)
    {
        if (value is Sequence s)
        {
            return s.Items;
        }

        if (value is JsonArray a)
        {
            return a.Items;
        }

        holder = [value!];
        return holder;
    }

    private JsonValue? EvaluatePath(PathNode expr, JsonValue? input, Environment env)
    {
        JsonValue? inputSequence;
        if (Values.IsArray(input) && expr.Steps[0].Type != NodeType.Variable)
        {
            inputSequence = input;
        }
        else
        {
            var wrapper = new Sequence(true, 1);
            if (input is not null)
            {
                wrapper.Add(input);
            }
            else
            {
                wrapper.Add(null!);
            }

            inputSequence = wrapper;
        }

        JsonValue? resultSequence = null;
        var isTupleStream = false;
        Sequence? tupleBindings = null;
        var steps = expr.Steps;
        for (var ii = 0; ii < steps.Count; ii++)
        {
            var step = steps[ii];
            if (step.Tuple)
            {
                isTupleStream = true;
            }

            if (ii == 0 && step.ConsArray)
            {
                resultSequence = Evaluate(step, inputSequence, env);
            }
            else if (isTupleStream)
            {
                tupleBindings = EvaluateTupleStep(step, inputSequence, tupleBindings, env);
            }
            else
            {
                resultSequence = EvaluateStep(step, inputSequence, env, ii == steps.Count - 1);
            }

            if (!isTupleStream && (resultSequence is null || (Values.IsArray(resultSequence) && Values.Count(resultSequence) == 0)))
            {
                break;
            }

            if (step.Focus is null)
            {
                inputSequence = resultSequence;
            }
        }

        if (isTupleStream)
        {
            if (expr.Tuple)
            {
                resultSequence = tupleBindings;
            }
            else
            {
                var rs = new Sequence(true, tupleBindings?.Count ?? 0);
                if (tupleBindings is not null)
                {
                    foreach (var t in tupleBindings.Items)
                    {
                        var context = ((TupleValue)t).Context;
                        if (context is not null)
                        {
                            rs.Add(context);
                        }
                    }
                }

                resultSequence = rs;
            }
        }

        if (expr.KeepSingletonArray)
        {
            if (resultSequence is Sequence { Cons: true, IsSequence: false } cons)
            {
                resultSequence = Sequence.Of(cons);
            }

            if (resultSequence is Sequence s)
            {
                s.KeepSingleton = true;
            }
        }

        if (expr.Group is { } group)
        {
            if (isTupleStream && !Level22 && tupleBindings is not { Count: > 0 })
            {
                // jsonata 2.0.6 (level V2_0_6) failed with a TypeError when a join (@ or #) path that ends in
                // an object constructor produced no tuples (fixed after 2.0.6, jsonata #817).
                throw new JsonataException("SF2062", "Object constructor over an empty join result is not supported in jsonata 2.0.6 (use JsonataLevel.V2_2)", group.Position);
            }

            resultSequence = EvaluateGroup(group.Pairs, group.Position, isTupleStream ? tupleBindings : resultSequence, env);
        }

        return resultSequence;
    }

    private JsonValue? EvaluateStep(Node step, JsonValue? input, Environment env, bool lastStep)
    {
        if (step.Type == NodeType.Sort)
        {
            var sorted = EvaluateSort((SortNode)step, input, env);
            if (step.Stages is not null)
            {
                sorted = EvaluateStages(step.Stages, sorted, env);
            }

            return sorted;
        }

        JsonValue[]? holder = null;
        var items = AsList(input, ref holder);
        var result = new Sequence(true, items.Length);
        for (var i = 0; i < items.Length; i++)
        {
            var res = Evaluate(step, items[i], env);
            if (step.Stages is { } stages)
            {
                foreach (var stage in stages)
                {
                    res = EvaluateFilter(stage.Filter!, res, env);
                }
            }

            if (res is not null)
            {
                result.Add(res);
            }
        }

        if (lastStep && result.Count == 1 && Values.IsArray(result[0]) && !Values.IsSequence(result[0]))
        {
            return result[0];
        }

        var flat = result;
        var needsFlatten = false;
        foreach (var res in result.Items)
        {
            if (Values.IsArray(res) && res is not Sequence { Cons: true })
            {
                needsFlatten = true;
                break;
            }
        }

        if (!needsFlatten)
        {
            return flat;
        }

        var resultSequence = new Sequence(true, result.Count);
        foreach (var res in result.Items)
        {
            if (!Values.IsArray(res) || res is Sequence { Cons: true })
            {
                resultSequence.Add(res);
            }
            else
            {
                var flattened = Values.Items(res);
                Charge(flattened.Length);
                resultSequence.AddRange(flattened);
            }
        }

        CheckSize(resultSequence.Count);
        return resultSequence;
    }

    public void CheckSize(long count)
    {
        if (count > Options.MaxResultItems)
        {
            throw new JsonataException("U1001", $"Result size limit exceeded: more than {Options.MaxResultItems} items");
        }
    }

    private JsonValue? EvaluateStages(List<Stage> stages, JsonValue? input, Environment env)
    {
        var result = input;
        foreach (var stage in stages)
        {
            if (stage.Filter is not null)
            {
                result = EvaluateFilter(stage.Filter, result, env);
            }
            else if (result is Sequence s)
            {
                for (var i = 0; i < s.Count; i++)
                {
                    if (s[i] is TupleValue t)
                    {
                        t.Bind(stage.IndexVariable!, Values.Number(i));
                    }
                }
            }
        }

        return result;
    }

    private static Environment FrameFromTuple(Environment env, TupleValue tuple)
    {
        var frame = new Environment(env);
        if (tuple.Bindings is not null)
        {
            foreach (var pair in tuple.Bindings)
            {
                frame.Bind(pair.Key, pair.Value);
            }
        }

        return frame;
    }

    private Sequence EvaluateTupleStep(Node step, JsonValue? input, Sequence? tupleBindings, Environment env)
    {
        Sequence result;
        if (step.Type == NodeType.Sort)
        {
            if (tupleBindings is not null)
            {
                result = (Sequence)EvaluateSort((SortNode)step, tupleBindings, env)!;
            }
            else
            {
                var sorted = EvaluateSort((SortNode)step, input, env);
                result = new Sequence { TupleStream = true };
                JsonValue[]? h = null;
                var sortedItems = sorted is null ? default : AsList(sorted, ref h);
                for (var ss = 0; ss < sortedItems.Length; ss++)
                {
                    var tuple = new TupleValue(sortedItems[ss], null);
                    if (step.IndexVariable is not null)
                    {
                        tuple.Bind(step.IndexVariable, Values.Number(ss));
                    }

                    result.Add(tuple);
                }
            }

            if (step.Stages is not null)
            {
                result = (Sequence)EvaluateStages(step.Stages, result, env)!;
            }

            return result;
        }

        result = new Sequence { TupleStream = true };
        if (tupleBindings is null)
        {
            JsonValue[]? holder = null;
            var items = input is null ? default : AsList(input, ref holder);
            tupleBindings = new Sequence(true, items.Length);
            foreach (var item in items)
            {
                tupleBindings.Add(new TupleValue(item, null));
            }
        }

        for (var ee = 0; ee < tupleBindings.Count; ee++)
        {
            var binding = (TupleValue)tupleBindings[ee];
            var stepEnv = FrameFromTuple(env, binding);
            var res = Evaluate(step, binding.Context, stepEnv);
            if (res is null)
            {
                continue;
            }

            JsonValue[]? holder = null;
            var resItems = AsList(res, ref holder);
            var resIsTuple = res is Sequence { TupleStream: true };
            for (var bb = 0; bb < resItems.Length; bb++)
            {
                var tuple = binding.Copy();
                if (resIsTuple)
                {
                    var other = (TupleValue)resItems[bb];
                    tuple.Context = other.Context;
                    if (other.Bindings is not null)
                    {
                        foreach (var pair in other.Bindings)
                        {
                            tuple.Bind(pair.Key, pair.Value);
                        }
                    }
                }
                else
                {
                    if (step.Focus is not null)
                    {
                        tuple.Bind(step.Focus, resItems[bb]);
                        tuple.Context = binding.Context;
                    }
                    else
                    {
                        tuple.Context = resItems[bb];
                    }

                    if (step.IndexVariable is not null)
                    {
                        tuple.Bind(step.IndexVariable, Values.Number(bb));
                    }

                    if (step.Ancestor is not null)
                    {
                        tuple.Bind(step.Ancestor.Label, binding.Context);
                    }
                }

                result.Add(tuple);
            }
        }

        if (step.Stages is not null)
        {
            result = (Sequence)EvaluateStages(step.Stages, result, env)!;
        }

        return result;
    }

    private JsonValue? EvaluateFilter(Node predicate, JsonValue? input, Environment env)
    {
        var results = new Sequence();
        var tupleStream = input is Sequence { TupleStream: true };
        results.TupleStream = tupleStream;
        if (input is null)
        {
            return results;
        }

        JsonValue[]? holder = null;
        var items = AsList(input, ref holder);
        if (predicate.Type == NodeType.Number)
        {
            var index = (int)Math.Clamp(Math.Floor(((JsonNumber)((LiteralNode)predicate).Value).DoubleValue), int.MinValue / 2, int.MaxValue / 2);
            if (index < 0)
            {
                index += items.Length;
            }

            if (index >= 0 && index < items.Length)
            {
                var item = items[index];
                if (Values.IsArray(item))
                {
                    return item;
                }

                results.Add(item);
            }

            return results;
        }

        for (var index = 0; index < items.Length; index++)
        {
            var item = items[index];
            var context = item;
            var frame = env;
            if (tupleStream)
            {
                var tuple = (TupleValue)item;
                context = tuple.Context!;
                frame = FrameFromTuple(env, tuple);
            }

            var res = Evaluate(predicate, context, frame);
            if (res is JsonNumber n)
            {
                var ii = Math.Floor(n.DoubleValue);
                if (ii < 0)
                {
                    ii += items.Length;
                }

                if (ii == index)
                {
                    results.Add(item);
                }
            }
            else if (IsArrayOfNumbers(res))
            {
                foreach (var r in Values.Items(res!))
                {
                    var ii = Math.Floor(((JsonNumber)r).DoubleValue);
                    if (ii < 0)
                    {
                        ii += items.Length;
                    }

                    if (ii == index)
                    {
                        results.Add(item);
                    }
                }
            }
            else if (Values.Truthy(res))
            {
                results.Add(item);
            }
        }

        return results;
    }

    private static bool IsArrayOfNumbers(JsonValue? value)
    {
        if (!Values.IsArray(value))
        {
            return false;
        }

        foreach (var item in Values.Items(value!))
        {
            if (item is not JsonNumber)
            {
                return false;
            }
        }

        return true;
    }

    public static JsonValue? Lookup(JsonValue? input, string key) => Lookup(input, key, 0);

    private static JsonValue? Lookup(JsonValue? input, string key, int depth)
    {
        ValueDepth.Check(depth);
        switch (input)
        {
            case JsonObject obj:
                return obj.TryGetValue(key, out var value) ? value : null;
            case Sequence or JsonArray:
                {
                    Sequence? result = null;
                    foreach (var item in Values.Items(input))
                    {
                        var res = Lookup(item, key, depth + 1);
                        if (res is null)
                        {
                            continue;
                        }

                        result ??= new Sequence();
                        if (Values.IsArray(res))
                        {
                            result.AddRange(Values.Items(res));
                        }
                        else
                        {
                            result.Add(res);
                        }
                    }

                    return result ?? new Sequence(true, 0);
                }

            default:
                return null;
        }
    }

    private JsonValue EvaluateWildcard(JsonValue? input)
    {
        var results = new Sequence();
        if (input is Sequence { OuterWrapper: true } wrapper && wrapper.Count > 0)
        {
            input = wrapper[0];
        }

        if (Values.IsArray(input))
        {
            foreach (var item in Values.Items(input!))
            {
                if (Values.IsArray(item))
                {
                    Flatten(item, results, 1);
                }
                else if (item is not FunctionValue || !Level22)
                {
                    results.Add(item);
                }
            }
        }
        else if (input is JsonObject obj)
        {
            foreach (var member in obj.Members)
            {
                var value = member.Value;
                if (Values.IsArray(value))
                {
                    Flatten(value, results, 1);
                }
                else if (value is FunctionValue && Level22)
                {
                    continue;
                }
                else
                {
                    results.Add(value);
                }
            }
        }

        return results;
    }

    private static void Flatten(JsonValue value, Sequence results, int depth)
    {
        ValueDepth.Check(depth);
        if (Values.IsArray(value))
        {
            foreach (var item in Values.Items(value))
            {
                Flatten(item, results, depth + 1);
            }
        }
        else
        {
            results.Add(value);
        }
    }

    private static JsonValue? EvaluateDescendants(JsonValue? input)
    {
        if (input is null)
        {
            return null;
        }

        var results = new Sequence();
        RecurseDescendants(input, results, 0);
        return results.Count == 1 ? results[0] : results;
    }

    private static void RecurseDescendants(JsonValue input, Sequence results, int depth)
    {
        ValueDepth.Check(depth);
        if (!Values.IsArray(input))
        {
            results.Add(input);
        }

        if (Values.IsArray(input))
        {
            foreach (var item in Values.Items(input))
            {
                RecurseDescendants(item, results, depth + 1);
            }
        }
        else if (input is JsonObject obj)
        {
            foreach (var member in obj.Members)
            {
                RecurseDescendants(member.Value, results, depth + 1);
            }
        }
    }
}
