using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using StepFlow.Json;
using StepFlow.Jsonata.Evaluation;

namespace StepFlow.Jsonata;

/// <summary>
/// The JSONata dialect of AWS Step Functions: level 2.0.6, <c>$eval</c> removed, and the functions AWS adds
/// (<c>$partition</c>, <c>$range</c>, <c>$hash</c>, <c>$random</c> with an optional seed, <c>$uuid</c>, <c>$parse</c>).
/// </summary>
/// <remarks>
/// Each evaluation may use <see cref="TimeLimit"/> (1 s) of its thread's processor time, never the engine's clock: it
/// limits real compute (AWS's intent), a busy machine does not make it fire, and neither does a test's fake clock.
/// It may create at most <see cref="SizeLimit"/> string characters, array items and object members in total.
/// Exceeding either fails with U1001, which a state reports as States.QueryEvaluationError.
/// </remarks>
internal static class StepFunctionsJsonata
{
    /// <summary>The most items <c>$range</c> may produce.</summary>
    public const int MaxRangeItems = 1000;

    /// <summary>The processor time one evaluation may use.</summary>
    public static readonly TimeSpan TimeLimit = TimeSpan.FromSeconds(1);

    /// <summary>
    /// The most string characters, array items and object members one evaluation may create: 10,000,000, some forty
    /// times AWS's 256 KiB payload limit.
    /// </summary>
    public const long SizeLimit = 10_000_000;

    /// <summary>The options every JSONata field of a state machine is compiled with.</summary>
    public static JsonataOptions Options { get; } = new()
    {
        Level = JsonataLevel.V2_0_6,
        TimeLimit = TimeLimit,
        TimeMeasure = JsonataTimeMeasure.ThreadCpuTime,
        TimeProvider = TimeProvider.System,
        SizeLimit = SizeLimit,
        RemovedFunctions = ["eval"],
        ExtraFunctions = new Dictionary<string, JsonataFunction>(StringComparer.Ordinal)
        {
            ["partition"] = new("<an:a>", Partition),
            ["range"] = new("<nnn:a>", Range),
            ["hash"] = new("<ss:s>", Hash),
            ["random"] = new("<n?:n>", RandomNumber),
            ["uuid"] = new("<:s>", static (_, random) => JsonValue.From(RandomUuid.Next(random).ToString())),
            ["parse"] = new("<s:x>", Parse),
        },
    };

    private static JsonValue? Partition(IReadOnlyList<JsonValue?> args)
    {
        var items = args[0] switch
        {
            JsonArray array => array,
            null => null,
            { } single => JsonArray.TakeOwnership([single]),
        };
        if (items is null)
        {
            return null;
        }

        var size = Integer(args[1], "$partition", "size");
        if (size <= 0)
        {
            throw new JsonataException("D3050", "The size argument of $partition must be a positive integer");
        }

        var chunks = new List<JsonValue>((int)((items.Count + size - 1) / size));
        for (var start = 0; start < items.Count; start += (int)Math.Min(size, int.MaxValue))
        {
            var length = (int)Math.Min(size, items.Count - start);
            var chunk = new JsonValue[length];
            for (var i = 0; i < length; i++)
            {
                chunk[i] = items[start + i];
            }

            chunks.Add(JsonArray.TakeOwnership(chunk));
        }

        return JsonArray.TakeOwnership([.. chunks]);
    }

    private static JsonValue? Range(IReadOnlyList<JsonValue?> args)
    {
        if (args[0] is null || args[1] is null || args[2] is null)
        {
            return null;
        }

        var start = Integer(args[0], "$range", "start");
        var end = Integer(args[1], "$range", "end");
        var step = Integer(args[2], "$range", "step");
        if (step == 0)
        {
            throw new JsonataException("D3050", "The step argument of $range must not be zero");
        }

        var count = end >= start == step > 0 ? ((end - start) / step) + 1 : 0;
        if (count > MaxRangeItems)
        {
            throw new JsonataException("D3050", $"$range would produce {count} items; at most {MaxRangeItems} are allowed");
        }

        // A sequence, like a path result: one item comes out as that item.
        var result = new Sequence(capacity: (int)Math.Max(count, 1));
        for (var i = 0L; i < count; i++)
        {
            result.Add(JsonNumber.FromInteger(start + (i * step)));
        }

        return count == 0 ? null : result;
    }

    private static JsonValue? Hash(IReadOnlyList<JsonValue?> args)
    {
        if (args[0] is not JsonString value || args[1] is not JsonString algorithm)
        {
            return null;
        }

        var bytes = Encoding.UTF8.GetBytes(value.Value);
        var digest = algorithm.Value switch
        {
            "MD5" => MD5.HashData(bytes),
            "SHA-1" => SHA1.HashData(bytes),
            "SHA-256" => SHA256.HashData(bytes),
            "SHA-384" => SHA384.HashData(bytes),
            "SHA-512" => SHA512.HashData(bytes),
            _ => throw new JsonataException(
                "D3050",
                $"The hash algorithm '{algorithm.Value}' is not supported; use MD5, SHA-1, SHA-256, SHA-384 or SHA-512"),
        };
        return JsonValue.From(Convert.ToHexStringLower(digest));
    }

    private static JsonValue? RandomNumber(IReadOnlyList<JsonValue?> args, Random? seeded)
    {
        if (args.Count == 0 || args[0] is null)
        {
            return JsonNumber.FromDouble((seeded ?? Random.Shared).NextDouble());
        }

        var seed = Integer(args[0], "$random", "seed");
        return JsonNumber.FromDouble(new Random(unchecked((int)seed ^ (int)(seed >> 32))).NextDouble());
    }

    private static JsonValue? Parse(IReadOnlyList<JsonValue?> args)
    {
        if (args[0] is not JsonString text)
        {
            return null;
        }

        try
        {
            return JsonValue.Parse(text.Value);
        }
        catch (FormatException e)
        {
            throw new JsonataException("D3050", $"The argument of $parse is not valid JSON: {e.Message}");
        }
    }

    private static long Integer(JsonValue? value, string function, string name)
    {
        if (value is JsonNumber number && number.TryGetInt64(out var integer))
        {
            return integer;
        }

        throw new JsonataException(
            "T0410",
            string.Create(CultureInfo.InvariantCulture, $"The {name} argument of {function} must be an integer"));
    }
}
