namespace StepFlow.Definition.Choice;

/// <summary>
/// A StringMatches pattern: <c>*</c> matches any run of characters, <c>\*</c> a literal star and
/// <c>\\</c> a literal backslash; nothing else is special.
/// </summary>
internal sealed class StringMatchPattern
{
    private readonly string[] _segments;

    public StringMatchPattern(string pattern)
    {
        var segments = new List<string>();
        var current = new System.Text.StringBuilder();
        var lastWasStar = false;
        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            if (c == '\\' && i + 1 < pattern.Length && (pattern[i + 1] == '*' || pattern[i + 1] == '\\'))
            {
                current.Append(pattern[++i]);
                lastWasStar = false;
            }
            else if (c == '*')
            {
                if (!lastWasStar)
                {
                    segments.Add(current.ToString());
                    current.Clear();
                }

                lastWasStar = true;
            }
            else
            {
                current.Append(c);
                lastWasStar = false;
            }
        }

        segments.Add(current.ToString());
        _segments = [.. segments];
    }

    public bool IsMatch(string value)
    {
        if (_segments.Length == 1)
        {
            return string.Equals(value, _segments[0], StringComparison.Ordinal);
        }

        var first = _segments[0];
        var last = _segments[^1];
        if (!value.StartsWith(first, StringComparison.Ordinal) || value.Length < first.Length + last.Length ||
            !value.EndsWith(last, StringComparison.Ordinal))
        {
            return false;
        }

        var position = first.Length;
        var end = value.Length - last.Length;
        for (var i = 1; i < _segments.Length - 1; i++)
        {
            var found = value.IndexOf(_segments[i], position, end - position, StringComparison.Ordinal);
            if (found < 0)
            {
                return false;
            }

            position = found + _segments[i].Length;
        }

        return position <= end;
    }
}
