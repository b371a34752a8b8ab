using StepFlow.Json;
using StepFlow.Jsonata.Evaluation;
using static StepFlow.Jsonata.Functions.Library;

namespace StepFlow.Jsonata.Functions;

/// <summary>Object functions and $error, $assert, $type, $eval, $clone.</summary>
internal static class ObjectFunctions
{
    public static void Register(Dictionary<string, JsonValue> t)
    {
        Add(t, "keys", "<x-:a<s>>", (ev, a, i, e) => Keys(ev, a[0]));
        // An undefined key is JavaScript's input[undefined] in the reference: the member named "undefined".
        Add(t, "lookup", "<x-s:x>", (ev, a, i, e) => Evaluator.Lookup(a[0], Str(a, 1) ?? "undefined"));
        Add(t, "spread", "<x-:a<o>>", (ev, a, i, e) => Spread(ev, a[0]));
        Add(t, "merge", "<a<o>:o>", (ev, a, i, e) =>
        {
            if (a[0] is null)
            {
                return null;
            }

            var members = new List<KeyValuePair<string, JsonValue>>();
            var positions = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (var item in Values.Items(a[0]!))
            {
                var obj = (JsonObject)item;
                ev.Charge(obj.Count);
                foreach (var m in obj.Members)
                {
                    Library.PutMember(members, positions, m);
                }
            }

            return JsonObject.TakeOwnership([.. members]);
        });
        Add(t, "sift", "<o-f?:o>", (ev, a, i, e) =>
        {
            if (a[0] is not JsonObject obj || Arg(a, 1) is not FunctionValue f)
            {
                return null;
            }

            ev.Charge(obj.Count);
            var members = new List<KeyValuePair<string, JsonValue>>();
            foreach (var m in obj.Members)
            {
                ev.CheckLimits();
                if (Values.Truthy(ev.Apply(f, HofArgs(f, m.Value, new JsonString(m.Key), obj), null, e)))
                {
                    members.Add(m);
                }
            }

            return members.Count == 0 ? null : JsonObject.TakeOwnership([.. members]);
        });
        Add(t, "each", "<o-f:a>", (ev, a, i, e) =>
        {
            if (a[0] is not JsonObject obj)
            {
                return null;
            }

            var f = (FunctionValue)a[1]!;
            ev.Charge(obj.Count);
            var result = new Sequence();
            foreach (var m in obj.Members)
            {
                ev.CheckLimits();
                var r = ev.Apply(f, HofArgs(f, m.Value, new JsonString(m.Key), obj), null, e);
                if (r is not null)
                {
                    result.Add(r);
                }
            }

            return result;
        });
        Add(t, "error", "<s?:x>", (ev, a, i, e) =>
            throw new JsonataException("D3137", Str(a, 0) ?? "$error() function evaluated") { IsUserMessage = Str(a, 0) is not null });
        Add(t, "assert", "<bs?:x>", (ev, a, i, e) =>
        {
            if (a[0] is not JsonBool { Value: true })
            {
                throw new JsonataException("D3141", Str(a, 1) ?? "$assert() statement failed") { IsUserMessage = Str(a, 1) is not null };
            }

            return null;
        });
        Add(t, "type", "<x:s>", (ev, a, i, e) => a[0] is null ? null : new JsonString(Values.TypeName(a[0])));
        Add(t, "clone", "<(oa)-:o>", (ev, a, i, e) => Values.FreezeOrNull(a[0]));
        Add(t, "eval", "<sx?:x>", (ev, a, i, e) =>
        {
            if (Str(a, 0) is not { } text)
            {
                return null;
            }

            Ast.Node ast;
            try
            {
                ast = Parsing.Parser.Parse(text, ev.Level22, ev.Options.MaxNestingDepth);
            }
            catch (JsonataException ex)
            {
                throw new JsonataException("D3120", "Syntax error in expression passed to function eval: " + ex.Message, ex);
            }

            try
            {
                var focus = a.Length > 1 && a[1] is not null ? a[1] : i;
                if (Values.IsArray(focus) && !Values.IsSequence(focus))
                {
                    var wrapped = Sequence.Of(focus!);
                    wrapped.OuterWrapper = true;
                    focus = wrapped;
                }

                return ev.Evaluate(ast, focus, e);
            }
            catch (JsonataException ex)
            {
                throw new JsonataException("D3121", "Dynamic error evaluating the expression passed to function eval: " + ex.Message, ex);
            }
        });
    }

    public static JsonValue?[] HofArgs(FunctionValue f, JsonValue? a1, JsonValue? a2, JsonValue? a3)
    {
        var arity = f.Arity;
        return arity >= 3 ? [a1, a2, a3] : arity == 2 ? [a1, a2] : [a1];
    }

    private static Sequence Keys(Evaluator ev, JsonValue? arg)
    {
        var result = new Sequence();
        if (Values.IsArray(arg))
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var item in Values.Items(arg!))
            {
                if (item is JsonObject o)
                {
                    ev.Charge(o.Count);
                    foreach (var m in o.Members)
                    {
                        if (seen.Add(m.Key))
                        {
                            result.Add(new JsonString(m.Key));
                        }
                    }
                }
            }
        }
        else if (arg is JsonObject obj)
        {
            ev.Charge(obj.Count);
            foreach (var m in obj.Members)
            {
                result.Add(new JsonString(m.Key));
            }
        }

        return result;
    }

    private static JsonValue? Spread(Evaluator ev, JsonValue? arg)
    {
        if (Values.IsArray(arg))
        {
            // Collected into one sequence (appending array to array would copy it once per item).
            var result = new Sequence();
            SpreadInto(ev, arg!, result, 0);
            return result;
        }

        if (arg is JsonObject obj)
        {
            var result = new Sequence();
            SpreadInto(ev, obj, result, 0);
            return result;
        }

        return arg;
    }

    private static void SpreadInto(Evaluator ev, JsonValue arg, Sequence result, int depth)
    {
        ValueDepth.Check(depth);
        if (Values.IsArray(arg))
        {
            foreach (var item in Values.Items(arg))
            {
                SpreadInto(ev, item, result, depth + 1);
            }
        }
        else if (arg is JsonObject obj)
        {
            ev.Charge(2L * obj.Count);
            foreach (var m in obj.Members)
            {
                result.Add(JsonObject.TakeOwnership([m]));
            }
        }
        else
        {
            ev.Charge(1);
            result.Add(arg);
        }
    }
}
