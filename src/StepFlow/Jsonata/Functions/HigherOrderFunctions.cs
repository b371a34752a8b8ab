using StepFlow.Json;
using StepFlow.Jsonata.Evaluation;
using static StepFlow.Jsonata.Functions.Library;

namespace StepFlow.Jsonata.Functions;

/// <summary>$map, $filter, $single, $reduce.</summary>
internal static class HigherOrderFunctions
{
    public static void Register(Dictionary<string, JsonValue> t)
    {
        Add(t, "map", "<af>", (ev, a, i, e) =>
        {
            if (a[0] is null)
            {
                return null;
            }

            var f = (FunctionValue)a[1]!;
            var items = Values.Items(a[0]!);
            ev.Charge(items.Length);
            var result = new Sequence(true, items.Length);
            for (var k = 0; k < items.Length; k++)
            {
                ev.CheckLimits();
                var r = ev.Apply(f, ObjectFunctions.HofArgs(f, items[k], Values.Number(k), a[0]), null, e);
                if (r is not null)
                {
                    result.Add(r);
                }
            }

            return result;
        });
        Add(t, "filter", "<af>", (ev, a, i, e) =>
        {
            if (a[0] is null)
            {
                return null;
            }

            var f = (FunctionValue)a[1]!;
            var items = Values.Items(a[0]!);
            ev.Charge(items.Length);
            var result = new Sequence(true, items.Length);
            for (var k = 0; k < items.Length; k++)
            {
                ev.CheckLimits();
                if (Values.Truthy(ev.Apply(f, ObjectFunctions.HofArgs(f, items[k], Values.Number(k), a[0]), null, e)))
                {
                    result.Add(items[k]);
                }
            }

            return result;
        });
        Add(t, "single", "<af?>", (ev, a, i, e) =>
        {
            if (a[0] is null)
            {
                return null;
            }

            var f = Arg(a, 1) as FunctionValue;
            var items = Values.Items(a[0]!);
            JsonValue? found = null;
            var hasFound = false;
            for (var k = 0; k < items.Length; k++)
            {
                ev.CheckLimits();
                var positive = f is null || Values.Truthy(ev.Apply(f, ObjectFunctions.HofArgs(f, items[k], Values.Number(k), a[0]), null, e));
                if (positive)
                {
                    if (hasFound)
                    {
                        throw new JsonataException("D3138", "The $single() function expected exactly 1 matching result.  Instead it matched more.");
                    }

                    found = items[k];
                    hasFound = true;
                }
            }

            if (!hasFound)
            {
                throw new JsonataException("D3139", "The $single() function expected exactly 1 matching result.  Instead it matched 0.");
            }

            return found;
        });
        Add(t, "reduce", "<afj?:j>", (ev, a, i, e) =>
        {
            if (a[0] is null)
            {
                return null;
            }

            var f = (FunctionValue)a[1]!;
            var arity = f.Arity;
            if (arity < 2)
            {
                throw new JsonataException("D3050", "The second argument of reduce function must be a function with at least two arguments");
            }

            var items = Values.Items(a[0]!);
            var init = Arg(a, 2);
            JsonValue? result;
            int index;
            if (init is null && items.Length > 0)
            {
                result = items[0];
                index = 1;
            }
            else
            {
                result = init;
                index = 0;
            }

            for (; index < items.Length; index++)
            {
                ev.CheckLimits();
                JsonValue?[] args = arity >= 4 ? [result, items[index], Values.Number(index), a[0]] : arity >= 3 ? [result, items[index], Values.Number(index)] : [result, items[index]];
                result = ev.Apply(f, args, null, e);
            }

            return result;
        });
    }
}
