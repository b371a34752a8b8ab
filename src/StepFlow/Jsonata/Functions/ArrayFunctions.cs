using StepFlow.Json;
using StepFlow.Jsonata.Evaluation;
using static StepFlow.Jsonata.Functions.Library;

namespace StepFlow.Jsonata.Functions;

/// <summary>Boolean and array functions.</summary>
internal static class ArrayFunctions
{
    public static void Register(Dictionary<string, JsonValue> t)
    {
        Add(t, "boolean", "<x-:b>", (ev, a, i, e) => Values.Boolean(a[0]) is { } b ? JsonValue.From(b) : null);
        Add(t, "not", "<x-:b>", (ev, a, i, e) => Values.Boolean(a[0]) is { } b ? JsonValue.From(!b) : null);
        Add(t, "exists", "<x:b>", (ev, a, i, e) => JsonValue.From(a[0] is not null));
        Add(t, "append", "<xx:a>", (ev, a, i, e) => Append(ev, a[0], Arg(a, 1)));
        Add(t, "reverse", "<a:a>", (ev, a, i, e) =>
        {
            if (a[0] is null)
            {
                return null;
            }

            var items = Values.Items(a[0]!);
            if (items.Length <= 1)
            {
                return a[0];
            }

            ev.Charge(items.Length);
            var result = new Sequence(false, items.Length);
            for (var k = items.Length - 1; k >= 0; k--)
            {
                result.Add(items[k]);
            }

            return result;
        });
        Add(t, "shuffle", "<a:a>", (ev, a, i, e) =>
        {
            if (a[0] is null)
            {
                return null;
            }

            if (Values.Count(a[0]!) <= 1)
            {
                return a[0];
            }

            ev.Charge(2L * Values.Count(a[0]!));
            var items = Values.Items(a[0]!).ToArray();
            ev.Random.Shuffle(items);
            var result = new Sequence(false, items.Length);
            result.AddRange(items);
            return result;
        });
        Add(t, "distinct", "<x:x>", (ev, a, i, e) =>
        {
            var arr = a[0];
            if (arr is null)
            {
                return null;
            }

            if (!Values.IsArray(arr) || Values.Count(arr) <= 1)
            {
                return arr;
            }

            ev.Charge(Values.Count(arr));
            var result = new Sequence(Values.IsSequence(arr));
            foreach (var item in Values.Items(arr))
            {
                var found = false;
                foreach (var existing in result.Items)
                {
                    // Quadratic in the number of distinct items: each comparison is a step of work.
                    ev.CheckLimits();
                    if (Values.DeepEquals(item, existing))
                    {
                        found = true;
                        break;
                    }
                }

                if (!found)
                {
                    result.Add(item);
                }
            }

            return result;
        });
        Add(t, "zip", "<a+>", (ev, a, i, e) =>
        {
            var result = new Sequence(false);
            if (a.Length == 0)
            {
                return result;
            }

            var length = int.MaxValue;
            foreach (var arg in a)
            {
                length = Math.Min(length, arg is null ? 0 : Values.Items(arg).Length);
            }

            ev.Charge((long)length * (a.Length + 1));
            for (var k = 0; k < length; k++)
            {
                ev.CheckLimits();
                var tuple = new Sequence(false, a.Length);
                foreach (var arg in a)
                {
                    tuple.Add(Values.Items(arg!)[k]);
                }

                result.Add(tuple);
            }

            return result;
        });
        Add(t, "sort", "<af?:a>", (ev, a, i, e) => Sort(ev, a, e));
    }

    private static JsonValue? Sort(Evaluator ev, JsonValue?[] a, Evaluation.Environment env)
    {
        var arr = a[0];
        if (arr is null)
        {
            return null;
        }

        if (Values.Count(arr) <= 1)
        {
            return arr;
        }

        // The merge sort copies the items once per level.
        ev.Charge((long)Values.Count(arr) * (2 + (long)Math.Ceiling(Math.Log2(Values.Count(arr)))));
        var items = Values.Items(arr).ToArray();
        JsonValue[] sorted;
        if (Arg(a, 1) is FunctionValue comparator)
        {
            sorted = MergeSort(items, (x, y) => Values.Truthy(ev.Apply(comparator, [x, y], null, env)));
        }
        else
        {
            var allNumbers = true;
            var allStrings = true;
            foreach (var item in items)
            {
                allNumbers &= item is JsonNumber;
                allStrings &= item is JsonString;
            }

            if (!allNumbers && !allStrings)
            {
                throw new JsonataException("D3070", "The single argument form of the sort function can only be applied to an array of strings or an array of numbers.  Use the second argument to specify a comparison function");
            }

            sorted = allNumbers
                ? MergeSort(items, (x, y) => ((JsonNumber)x).DoubleValue > ((JsonNumber)y).DoubleValue)
                : MergeSort(items, (x, y) =>
                {
                    ev.CheckLimits();
                    return string.CompareOrdinal(((JsonString)x).Value, ((JsonString)y).Value) > 0;
                });
        }

        var result = new Sequence(false, sorted.Length);
        result.AddRange(sorted);
        return result;
    }
}
