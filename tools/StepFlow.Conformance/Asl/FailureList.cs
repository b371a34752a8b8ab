using System.Collections.Frozen;

namespace StepFlow.Conformance.Asl;

/// <summary>
/// A known-failures list: one case name per line, optionally followed by <c># reason</c>; blank lines
/// and lines starting with <c>#</c> are ignored. The list only shrinks: a listed case that passes is an error.
/// </summary>
public sealed class FailureList
{
    private readonly FrozenDictionary<string, string> _reasons;

    private FailureList(Dictionary<string, string> reasons) => _reasons = reasons.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>The empty list.</summary>
    public static FailureList None { get; } = new([]);

    /// <summary>How many cases are listed.</summary>
    public int Count => _reasons.Count;

    /// <summary>The listed case names.</summary>
    public IEnumerable<string> Names => _reasons.Keys;

    /// <summary>Parses the list's text.</summary>
    public static FailureList Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var reasons = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var rawLine in text.Split('\n'))
        {
            var line = rawLine.Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            var hash = line.IndexOf('#', StringComparison.Ordinal);
            var name = (hash < 0 ? line : line[..hash]).Trim();
            var reason = hash < 0 ? string.Empty : line[(hash + 1)..].Trim();
            if (name.Length > 0)
            {
                reasons[name] = reason;
            }
        }

        return new FailureList(reasons);
    }

    /// <summary>Loads the list from a file.</summary>
    public static FailureList Load(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        return Parse(File.ReadAllText(path));
    }

    /// <summary>True when <paramref name="caseName"/> is listed; <paramref name="reason"/> is its reason (may be empty).</summary>
    public bool Contains(string caseName, out string reason) =>
        _reasons.TryGetValue(caseName, out reason!);
}
