using System.Collections.Frozen;
using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;

namespace StepFlow.Tasks;

/// <summary>
/// The Task resources an execution may use (StepFlow's stand-in for IAM): exact ARNs or globs where <c>*</c>
/// matches any run of characters. A resource is matched as written in the definition, suffix included
/// (<c>arn:aws:states:::sqs:sendMessage.waitForTaskToken</c>).
/// </summary>
internal sealed class ResourceAllowList
{
    private static readonly ConditionalWeakTable<IReadOnlyCollection<string>, ResourceAllowList> Compiled = new();

    private readonly FrozenSet<string> _exact;
    private readonly Regex[] _globs;

    private ResourceAllowList(IEnumerable<string> patterns)
    {
        var exact = new HashSet<string>(StringComparer.Ordinal);
        var globs = new List<Regex>();
        foreach (var pattern in patterns)
        {
            if (ResourcePattern.IsGlob(pattern))
            {
                globs.Add(ResourcePattern.GlobToRegex(pattern));
            }
            else
            {
                exact.Add(pattern);
            }
        }

        _exact = exact.ToFrozenSet(StringComparer.Ordinal);
        _globs = [.. globs];
    }

    /// <summary>The compiled list for <paramref name="patterns"/> (compiled once per collection instance).</summary>
    public static ResourceAllowList For(IReadOnlyCollection<string> patterns) =>
        Compiled.GetValue(patterns, static p => new ResourceAllowList(p));

    public static ResourceAllowList Create(IEnumerable<string> patterns) => new(patterns);

    public bool IsAllowed(string resource)
    {
        if (_exact.Contains(resource))
        {
            return true;
        }

        foreach (var glob in _globs)
        {
            if (glob.IsMatch(resource))
            {
                return true;
            }
        }

        return false;
    }
}
