using System.Text.RegularExpressions;

namespace StepFlow.Tasks;

/// <summary>Resource patterns: an exact ARN, or a glob where <c>*</c> matches any run of characters.</summary>
internal static class ResourcePattern
{
    public static bool IsGlob(string pattern) => pattern.Contains('*', StringComparison.Ordinal);

    public static Regex GlobToRegex(string glob) =>
        new("^" + Regex.Escape(glob).Replace("\\*", ".*", StringComparison.Ordinal) + "$",
            RegexOptions.CultureInvariant | RegexOptions.Singleline);
}
