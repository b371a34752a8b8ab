using System.Text;
using StepFlow.Json;
using StepFlow.Jsonata.Evaluation;
using Env = StepFlow.Jsonata.Evaluation.Environment;

namespace StepFlow.Jsonata.Functions;

/// <summary>The built-in function table and helpers shared by the function families.</summary>
internal static class Library
{
    private static readonly Lazy<Dictionary<string, JsonValue>> BuiltIns = new(CreateBuiltIns);

    /// <summary>Tables already built, per options instance: a host compiles many expressions with the same options.</summary>
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<JsonataOptions, IReadOnlyDictionary<string, JsonValue>> Tables = [];

    /// <summary>The function table for a set of options: built-ins, minus removals, plus host functions.</summary>
    public static IReadOnlyDictionary<string, JsonValue> For(JsonataOptions options)
    {
        if (options.ExtraFunctions is null && options.RemovedFunctions is null)
        {
            return BuiltIns.Value;
        }

        return Tables.GetValue(options, Build);
    }

    private static IReadOnlyDictionary<string, JsonValue> Build(JsonataOptions options)
    {

        var table = new Dictionary<string, JsonValue>(BuiltIns.Value, StringComparer.Ordinal);
        if (options.RemovedFunctions is not null)
        {
            foreach (var name in options.RemovedFunctions)
            {
                table.Remove(name.TrimStart('$'));
            }
        }

        if (options.ExtraFunctions is not null)
        {
            foreach (var pair in options.ExtraFunctions)
            {
                var host = pair.Value;
                table[pair.Key.TrimStart('$')] = new NativeFunction(pair.Key, host.Signature, (ev, args, input, env) =>
                {
                    var plain = new JsonValue?[args.Length];
                    for (var i = 0; i < args.Length; i++)
                    {
                        plain[i] = Values.FreezeOrNull(args[i]);
                    }

                    return host.RandomImplementation is { } drawing ? drawing(plain, ev.SeededRandom) : host.Implementation(plain);
                });
            }
        }

        return table;
    }

    private static Dictionary<string, JsonValue> CreateBuiltIns()
    {
        var table = new Dictionary<string, JsonValue>(StringComparer.Ordinal);
        StringFunctions.Register(table);
        NumericFunctions.Register(table);
        ArrayFunctions.Register(table);
        ObjectFunctions.Register(table);
        HigherOrderFunctions.Register(table);
        DateTimeFunctions.Register(table);
        return table;
    }

    public static void Add(Dictionary<string, JsonValue> table, string name, string signature, NativeImplementation implementation, int arity = -1) =>
        table[name] = new NativeFunction(name, signature, implementation, arity);

    public static JsonValue? Arg(JsonValue?[] args, int index) => index < args.Length ? args[index] : null;

    public static string? Str(JsonValue?[] args, int index) => Arg(args, index) is JsonString s ? s.Value : null;

    public static double? Num(JsonValue?[] args, int index) => Arg(args, index) is JsonNumber n ? n.DoubleValue : null;

    /// <summary>The longest text of a value quoted in an error message.</summary>
    private const int MaxMessageValueLength = 1_000;

    /// <summary>
    /// <c>$string()</c> semantics for a defined value. With an evaluator, the text counts against its size limit;
    /// without one (error messages), a long text is cut short.
    /// </summary>
    public static string StringOf(Evaluator? evaluator, JsonValue value, bool pretty)
    {
        switch (value)
        {
            case JsonString s:
                return s.Value;
            case FunctionValue:
                return string.Empty;
            case JsonNumber n:
                return Values.FormatNumber(n, evaluator?.Level22 ?? true);
            default:
                {
                    if (value is Sequence { OuterWrapper: true } w && w.Count > 0)
                    {
                        value = w[0];
                    }

                    var sb = new StringBuilder();
                    var maxLength = evaluator?.SizeRemaining ?? MaxMessageValueLength;
                    if (!Values.Stringify(sb, value, pretty, 0, evaluator?.Level22 ?? true, maxLength, evaluator))
                    {
                        if (evaluator is null)
                        {
                            return sb.ToString(0, Math.Min(sb.Length, MaxMessageValueLength)) + "...";
                        }

                        evaluator.Charge(sb.Length + 1L);
                    }

                    evaluator?.Charge(sb.Length);
                    return sb.ToString();
                }
        }
    }

    /// <summary><c>$append</c> semantics (also used to accumulate groups); the new array counts against the size limit.</summary>
    public static JsonValue? Append(Evaluator evaluator, JsonValue? arg1, JsonValue? arg2)
    {
        if (arg1 is null)
        {
            return arg2;
        }

        if (arg2 is null)
        {
            return arg1;
        }

        evaluator.Charge((long)Values.Count(arg1) + Values.Count(arg2));
        var result = new Sequence(false, Values.Count(arg1) + Values.Count(arg2));
        if (Values.IsArray(arg1))
        {
            result.AddRange(Values.Items(arg1));
        }
        else
        {
            result.Add(arg1);
        }

        if (Values.IsArray(arg2))
        {
            result.AddRange(Values.Items(arg2));
        }
        else
        {
            result.Add(arg2);
        }

        return result;
    }

    /// <summary>
    /// <see cref="Append"/> for an accumulation: the first append creates <paramref name="owned"/>, later appends add to
    /// it in place instead of copying it again, so accumulating n items costs n, not n². Only for accumulators that
    /// nobody else reads until the accumulation ends.
    /// </summary>
    public static JsonValue? AppendInto(Evaluator evaluator, JsonValue? accumulated, ref Sequence? owned, JsonValue? next)
    {
        if (next is null)
        {
            return accumulated;
        }

        if (accumulated is null)
        {
            return next;
        }

        if (owned is null || !ReferenceEquals(accumulated, owned))
        {
            evaluator.Charge(Values.Count(accumulated));
            owned = new Sequence(false, Math.Max(4, Values.Count(accumulated) + Values.Count(next)));
            AddItems(owned, accumulated);
        }

        evaluator.Charge(Values.Count(next));
        AddItems(owned, next);
        return owned;
    }

    private static void AddItems(Sequence target, JsonValue value)
    {
        if (Values.IsArray(value))
        {
            target.AddRange(Values.Items(value));
        }
        else
        {
            target.Add(value);
        }
    }

    public static JsonObject MergeObjects(Evaluator? evaluator, JsonObject target, JsonObject source)
    {
        evaluator?.Charge((long)target.Count + source.Count);
        var members = new List<KeyValuePair<string, JsonValue>>(target.Count + source.Count);
        var positions = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var m in target.Members)
        {
            positions[m.Key] = members.Count;
            members.Add(m);
        }

        foreach (var m in source.Members)
        {
            PutMember(members, positions, m);
        }

        return JsonObject.TakeOwnership([.. members]);
    }

    /// <summary>Adds <paramref name="member"/> to <paramref name="members"/>, or replaces the member of that name in its place.</summary>
    public static void PutMember(List<KeyValuePair<string, JsonValue>> members, Dictionary<string, int> positions, KeyValuePair<string, JsonValue> member)
    {
        if (positions.TryGetValue(member.Key, out var at))
        {
            members[at] = member;
        }
        else
        {
            positions[member.Key] = members.Count;
            members.Add(member);
        }
    }

    /// <summary>Counts a string about to be created against the evaluator's size limit and returns it as a value.</summary>
    public static JsonString NewString(Evaluator evaluator, string value)
    {
        evaluator.Charge(value.Length);
        return new JsonString(value);
    }

    /// <summary>Converts code points of a string into an array of strings (one per code point).</summary>
    public static List<string> CodePoints(string s)
    {
        var list = new List<string>(s.Length);
        for (var i = 0; i < s.Length; i++)
        {
            if (char.IsHighSurrogate(s[i]) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1]))
            {
                list.Add(s.Substring(i, 2));
                i++;
            }
            else
            {
                list.Add(s[i].ToString());
            }
        }

        return list;
    }

    public static int CodePointLength(string s)
    {
        var n = 0;
        for (var i = 0; i < s.Length; i++)
        {
            if (char.IsHighSurrogate(s[i]) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1]))
            {
                i++;
            }

            n++;
        }

        return n;
    }

    /// <summary>A stable merge sort whose comparer says whether <c>a</c> belongs after <c>b</c>.</summary>
    public static T[] MergeSort<T>(T[] items, Func<T, T, bool> swap)
    {
        if (items.Length <= 1)
        {
            return items;
        }

        var middle = items.Length / 2;
        var left = MergeSort(items[..middle], swap);
        var right = MergeSort(items[middle..], swap);
        var result = new T[items.Length];
        int l = 0, r = 0, k = 0;
        while (l < left.Length && r < right.Length)
        {
            if (swap(left[l], right[r]))
            {
                result[k++] = right[r++];
            }
            else
            {
                result[k++] = left[l++];
            }
        }

        while (l < left.Length)
        {
            result[k++] = left[l++];
        }

        while (r < right.Length)
        {
            result[k++] = right[r++];
        }

        return result;
    }
}
