using StepFlow.Json;

namespace StepFlow.Intrinsics;

/// <summary>States.StringSplit.</summary>
internal static partial class IntrinsicFunctions
{
    /// <summary>
    /// Splits on every character of the delimiter string and drops empty tokens
    /// (recorded: <c>",,,,"</c> gives <c>[]</c>, <c>"This.is+a,test=string"</c> on <c>".+,="</c> gives five words).
    /// </summary>
    private static JsonArray StringSplit(CallExpression call, in IntrinsicContext context)
    {
        var text = RequireString(call, 0, in context);
        var delimiters = RequireString(call, 1, in context);
        if (text.Length == 0)
        {
            return JsonArray.Empty;
        }

        if (delimiters.Length == 0)
        {
            return JsonArray.TakeOwnership([new JsonString(text)]);
        }

        var tokens = new List<JsonValue>();
        var rest = text.AsSpan();
        var offset = 0;
        while (rest.Length > 0)
        {
            var at = rest.IndexOfAny(delimiters);
            var length = at < 0 ? rest.Length : at;
            if (length > 0)
            {
                tokens.Add(new JsonString(text.Substring(offset, length)));
            }

            if (at < 0)
            {
                break;
            }

            rest = rest[(at + 1)..];
            offset += at + 1;
        }

        return JsonArray.TakeOwnership(tokens.ToArray());
    }
}
