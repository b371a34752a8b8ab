using System.Text;

namespace StepFlow.Parsing;

/// <summary>The size rule for definition text: AWS limits a definition to 1 MB of UTF-8, so bytes are counted, not characters.</summary>
internal static class DefinitionText
{
    /// <summary>
    /// The UTF-8 size of <paramref name="text"/> when it is over <paramref name="maxBytes"/>, else -1. A character takes
    /// one to three bytes (a surrogate pair four for two), so the text is counted only when its length cannot tell.
    /// </summary>
    public static long BytesOver(string text, int maxBytes)
    {
        if ((long)text.Length * 3 <= maxBytes)
        {
            return -1;
        }

        long bytes = text.Length > maxBytes ? text.Length : Encoding.UTF8.GetByteCount(text);
        return bytes > maxBytes ? bytes : -1;
    }
}
