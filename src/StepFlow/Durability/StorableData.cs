using System.Globalization;
using System.Text;
using StepFlow.Errors;
using StepFlow.Json;

namespace StepFlow.Durability;

/// <summary>
/// What a durable execution's store can keep: JSON text in UTF-8, nested at most <see cref="MaxDepth"/> levels (what a
/// parser reads back). A string with an unpaired UTF-16 surrogate is not Unicode and cannot be written as UTF-8 without
/// losing it; deeper data could not be read back. Such data arriving from outside — a task's result, its error — is
/// turned into an ASL error of the state that received it before it reaches the history, so the execution goes on (Retry
/// and Catch apply) instead of failing every checkpoint, and every recovery, on it.
/// </summary>
internal static class StorableData
{
    /// <summary>The deepest nesting of arrays and objects a stored value may have.</summary>
    public const int MaxDepth = 512;

    /// <summary>
    /// Throws the ASL error for a task result the store could not keep: <c>States.DataLimitExceeded</c> when it nests too
    /// deep, <c>States.Runtime</c> when a string or member name holds an unpaired surrogate. Both name the place (a JSON
    /// pointer into the result).
    /// </summary>
    public static void ThrowIfUnstorable(JsonValue result, string stateName)
    {
        if (Find(result, 1, out var tooDeep) is { } pointer)
        {
            throw tooDeep
                ? new StatesErrorException(
                    StatesErrorNames.DataLimitExceeded,
                    $"The state/task '{stateName}' returned a result nested deeper than {MaxDepth} levels (at '{pointer}'), which the execution's store cannot keep.")
                : new StatesErrorException(
                    StatesErrorNames.Runtime,
                    $"The state/task '{stateName}' returned a result whose string at '{pointer}' holds an unpaired UTF-16 surrogate, which is not Unicode and which the execution's store cannot keep.");
        }
    }

    /// <summary>
    /// The error itself when its name and cause can be stored; otherwise the same error with every unpaired surrogate of
    /// its name and cause written as the escape <c>\uXXXX</c> (six characters), so the error is kept, visibly changed.
    /// </summary>
    public static StatesErrorException Storable(StatesErrorException error)
    {
        if (LoneSurrogateAt(error.Error) < 0 && (error.Cause is null || LoneSurrogateAt(error.Cause) < 0))
        {
            return error;
        }

        return new StatesErrorException(Escape(error.Error), error.Cause is null ? null : Escape(error.Cause), error);
    }

    /// <summary>The JSON pointer of the first place the store could not keep, or null; <paramref name="tooDeep"/> tells which problem.</summary>
    private static string? Find(JsonValue value, int depth, out bool tooDeep)
    {
        tooDeep = false;
        switch (value)
        {
            case JsonString text:
                return LoneSurrogateAt(text.Value) >= 0 ? string.Empty : null;
            case JsonObject obj:
                if (depth > MaxDepth)
                {
                    tooDeep = true;
                    return string.Empty;
                }

                foreach (var member in obj.Members)
                {
                    if (LoneSurrogateAt(member.Key) >= 0)
                    {
                        return "/" + Escape(member.Key).Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal);
                    }

                    if (member.Value is JsonObject or JsonArray or JsonString && Find(member.Value, depth + 1, out tooDeep) is { } inner)
                    {
                        return "/" + member.Key.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal) + inner;
                    }
                }

                return null;
            case JsonArray array:
                if (depth > MaxDepth)
                {
                    tooDeep = true;
                    return string.Empty;
                }

                var items = array.Items;
                for (var i = 0; i < items.Length; i++)
                {
                    if (items[i] is JsonObject or JsonArray or JsonString && Find(items[i], depth + 1, out tooDeep) is { } inner)
                    {
                        return "/" + i.ToString(CultureInfo.InvariantCulture) + inner;
                    }
                }

                return null;
            default:
                return null;
        }
    }

    /// <summary>The index of the first UTF-16 surrogate of <paramref name="text"/> that is not half of a pair, or -1.</summary>
    private static int LoneSurrogateAt(string text)
    {
        var span = text.AsSpan();
        var at = span.IndexOfAnyInRange('\uD800', '\uDFFF');
        while (at >= 0)
        {
            if (char.IsHighSurrogate(span[at]) && at + 1 < span.Length && char.IsLowSurrogate(span[at + 1]))
            {
                var next = span[(at + 2)..].IndexOfAnyInRange('\uD800', '\uDFFF');
                at = next < 0 ? -1 : at + 2 + next;
                continue;
            }

            return at;
        }

        return -1;
    }

    private static string Escape(string text)
    {
        if (LoneSurrogateAt(text) < 0)
        {
            return text;
        }

        var builder = new StringBuilder(text.Length + 8);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                builder.Append(c).Append(text[++i]);
            }
            else if (char.IsSurrogate(c))
            {
                builder.Append("\\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }
}
