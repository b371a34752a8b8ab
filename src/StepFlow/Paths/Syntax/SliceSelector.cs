using System.Globalization;
using StepFlow.Json;

namespace StepFlow.Paths.Syntax;

/// <summary>Selects a range of array elements (<c>[start:end:step]</c>), as RFC 9535 §2.3.4 defines it.</summary>
internal sealed class SliceSelector : PathSelector
{
    public SliceSelector(long? start, long? end, long? step)
    {
        Start = start;
        End = end;
        Step = step;
    }

    public long? Start { get; }

    public long? End { get; }

    public long? Step { get; }

    public override void Select(JsonValue node, JsonValue root, List<JsonValue> output)
    {
        if (node is not JsonArray array)
        {
            return;
        }

        long length = array.Count;
        var step = Step ?? 1;
        if (step == 0)
        {
            return;
        }

        long lower;
        long upper;
        if (step > 0)
        {
            lower = Bound(Start ?? 0, length);
            upper = Bound(End ?? length, length);
            for (var i = lower; i < upper; i += step)
            {
                output.Add(array[(int)i]);
            }
        }
        else
        {
            upper = Bound(Start ?? length - 1, length);
            lower = Bound(End ?? -length - 1, length);
            for (var i = upper; lower < i; i += step)
            {
                output.Add(array[(int)i]);
            }
        }

        long Bound(long value, long len)
        {
            var normalized = value >= 0 ? value : len + value;
            return step > 0
                ? Math.Min(Math.Max(normalized, 0), len)
                : Math.Min(Math.Max(normalized, -1), len - 1);
        }
    }

    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Start}:{End}{(Step is null ? string.Empty : ":" + Step.Value.ToString(CultureInfo.InvariantCulture))}");
}
