using System.Globalization;
using System.Text;

namespace StepFlow.Paths.Syntax;

/// <summary>Writes RFC 9535 normalized path elements (<c>['name']</c>, <c>[0]</c>).</summary>
internal static class NormalizedPath
{
    /// <summary>The normalized form of a name selector: <c>['a']</c> with escapes.</summary>
    public static string FormatName(string name)
    {
        var builder = new StringBuilder(name.Length + 4);
        AppendName(builder, name);
        return builder.ToString();
    }

    public static void AppendName(StringBuilder builder, string name)
    {
        builder.Append("['");
        foreach (var c in name)
        {
            switch (c)
            {
                case '\'': builder.Append("\\'"); break;
                case '\\': builder.Append("\\\\"); break;
                case '\b': builder.Append("\\b"); break;
                case '\f': builder.Append("\\f"); break;
                case '\n': builder.Append("\\n"); break;
                case '\r': builder.Append("\\r"); break;
                case '\t': builder.Append("\\t"); break;
                default:
                    if (c < 0x20)
                    {
                        builder.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        builder.Append(c);
                    }

                    break;
            }
        }

        builder.Append("']");
    }

    public static void AppendIndex(StringBuilder builder, long index) =>
        builder.Append('[').Append(index.ToString(CultureInfo.InvariantCulture)).Append(']');
}
