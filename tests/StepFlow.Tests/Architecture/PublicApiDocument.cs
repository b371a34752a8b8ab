using System.Reflection;
using System.Text.RegularExpressions;

namespace StepFlow.Tests.Architecture;

/// <summary>
/// docs/public-api.md, which lists every public type of each library package with the reason it is public: one table
/// row per type (<c>| `Full.Type.Name` | reason |</c>) in the section headed <c>## Package `AssemblyName`</c>.
/// Shared with StepFlow.Sqlite.Tests (linked there), which checks the SQLite package.
/// </summary>
internal static partial class PublicApiDocument
{
    /// <summary>The problems that make the document disagree with the compiled assembly; empty when every public type
    /// is listed once, with a reason, in its package's section, and every listed type is public.</summary>
    public static IReadOnlyList<string> Problems(Assembly assembly)
    {
        var package = assembly.GetName().Name!;
        var rows = Rows(File.ReadAllLines(FindDocument()), package);
        var listed = rows.Select(r => r.Type).ToHashSet(StringComparer.Ordinal);
        var exported = assembly.GetExportedTypes().Select(t => t.FullName!).ToHashSet(StringComparer.Ordinal);
        var where = $"under '## Package `{package}`' in docs/public-api.md";
        return
        [
            .. exported.Where(t => !listed.Contains(t)).Order(StringComparer.Ordinal).Select(t => $"{t} is public but not listed {where}"),
            .. listed.Where(t => !exported.Contains(t)).Order(StringComparer.Ordinal).Select(t => $"{t} is listed {where} but is not a public type of {package}"),
            .. rows.GroupBy(r => r.Type, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => $"{g.Key} is listed {g.Count()} times {where}"),
            .. rows.Where(r => r.Reason.Length == 0).Select(r => $"{r.Type} has no reason {where}"),
        ];
    }

    /// <summary>The type rows of one package's section, in document order.</summary>
    internal static IReadOnlyList<(string Type, string Reason)> Rows(IEnumerable<string> lines, string package)
    {
        var rows = new List<(string, string)>();
        var inSection = false;
        foreach (var line in lines)
        {
            if (line.StartsWith("## ", StringComparison.Ordinal))
            {
                inSection = string.Equals(line.TrimEnd(), $"## Package `{package}`", StringComparison.Ordinal);
            }
            else if (inSection && Row().Match(line) is { Success: true } row)
            {
                rows.Add((row.Groups["type"].Value, row.Groups["reason"].Value.Trim()));
            }
        }

        return rows;
    }

    private static string FindDocument()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var document = Path.Combine(directory.FullName, "docs", "public-api.md");
            if (File.Exists(Path.Combine(directory.FullName, "StepFlow.sln")) && File.Exists(document))
            {
                return document;
            }
        }

        throw new FileNotFoundException("docs/public-api.md was not found above " + AppContext.BaseDirectory);
    }

    // A generic type's metadata name has a backtick (ITaskHandler`2): its row quotes it with two (``ITaskHandler`2``).
    [GeneratedRegex(@"^\|\s*(?<quote>``?)\s*(?<type>[A-Za-z0-9_.+`]+?)\s*\k<quote>\s*\|(?<reason>.*)\|\s*$")]
    private static partial Regex Row();
}
