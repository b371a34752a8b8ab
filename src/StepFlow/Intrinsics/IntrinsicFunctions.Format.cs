using System.Text;
using StepFlow.Json;

namespace StepFlow.Intrinsics;

/// <summary>States.Format: replaces each <c>{}</c> of the template with the next argument.</summary>
internal static partial class IntrinsicFunctions
{
    private const string Placeholder = "{}";

    private static JsonString Format(CallExpression call, in IntrinsicContext context)
    {
        if (call.Argument(0, in context) is not JsonString templateValue)
        {
            throw call.InvalidArguments();
        }

        var template = templateValue.Value;
        var valueCount = call.ArgumentCount - 1;

        // A literal template knows which braces were escaped; a template read from a path has no escapes.
        var literal = call.ArgumentAt(0) as LiteralExpression;
        var placeholderCount = literal is not null ? literal.PlaceholderOffsets.Length : CountPlaceholders(template);
        if (placeholderCount != valueCount)
        {
            throw call.InvalidArguments("number of arguments do not match the occurrences of {}.");
        }

        if (valueCount == 0)
        {
            return templateValue;
        }

        var builder = new StringBuilder(template.Length + (valueCount * 8));
        var copied = 0;
        var searchFrom = 0;
        for (var i = 0; i < valueCount; i++)
        {
            var offset = literal is not null
                ? literal.PlaceholderOffsets[i]
                : template.IndexOf(Placeholder, searchFrom, StringComparison.Ordinal);
            builder.Append(template, copied, offset - copied);
            AppendFormatted(builder, call.Argument(i + 1, in context));
            copied = offset + Placeholder.Length;
            searchFrom = copied;
        }

        builder.Append(template, copied, template.Length - copied);
        return new JsonString(builder.ToString());
    }

    private static int CountPlaceholders(string template)
    {
        var count = 0;
        for (var at = template.IndexOf(Placeholder, StringComparison.Ordinal);
             at >= 0;
             at = template.IndexOf(Placeholder, at + Placeholder.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }

    /// <summary>
    /// Writes a value the way AWS does: strings raw, numbers and literals as JSON text, and containers
    /// in Java's collection notation (recorded: <c>{"Arg1":1,"Arg2":[]}</c> becomes <c>{Arg1=1, Arg2=[]}</c>).
    /// </summary>
    private static void AppendFormatted(StringBuilder builder, JsonValue value)
    {
        switch (value)
        {
            case JsonString text:
                builder.Append(text.Value);
                break;
            case JsonNumber number:
                builder.Append(number.ToNumberText());
                break;
            case JsonBool boolean:
                builder.Append(boolean.Value ? "true" : "false");
                break;
            case JsonArray array:
                builder.Append('[');
                for (var i = 0; i < array.Count; i++)
                {
                    if (i > 0)
                    {
                        builder.Append(", ");
                    }

                    AppendFormatted(builder, array[i]);
                }

                builder.Append(']');
                break;
            case JsonObject obj:
                builder.Append('{');
                var first = true;
                foreach (var member in obj.Members)
                {
                    if (!first)
                    {
                        builder.Append(", ");
                    }

                    first = false;
                    builder.Append(member.Key).Append('=');
                    AppendFormatted(builder, member.Value);
                }

                builder.Append('}');
                break;
            default:
                builder.Append("null");
                break;
        }
    }
}
