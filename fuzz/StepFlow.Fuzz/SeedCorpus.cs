using System.Globalization;
using System.Text;
using System.Text.Json;
using StepFlow.Intrinsics;

namespace StepFlow.Fuzz;

/// <summary>
/// Builds a target's seed inputs at run time from the shared reference material (never copied into the
/// repository): definitions from the recorded conformance cases, JSONPath queries from the compliance
/// suite and from definitions, intrinsic calls from definitions, JSONata expressions from the JSONata
/// suite and from definitions. Read with System.Text.Json, so the seeds do not depend on the code under test.
/// </summary>
internal static class SeedCorpus
{
    /// <summary>Writes at most <paramref name="max"/> distinct seeds for <paramref name="target"/>; returns how many.</summary>
    public static int Write(string target, string sharedDirectory, string outputDirectory, int max)
    {
        var seeds = new SortedSet<string>(StringComparer.Ordinal);
        var definitions = Definitions(sharedDirectory);
        switch (target)
        {
            case "definition":
                seeds.UnionWith(definitions.Select(d => d.GetRawText()));
                break;
            case "jsonpath":
                seeds.UnionWith(Members(Suite(sharedDirectory, "jsonpath-cts"), "selector"));
                seeds.UnionWith(definitions.SelectMany(Strings).Where(s => s.StartsWith('$') && !s.Contains("{%", StringComparison.Ordinal)));
                break;
            case "intrinsics":
                seeds.UnionWith(definitions.SelectMany(Strings).Where(IntrinsicFunctionCall.LooksLikeIntrinsic));
                break;
            case "jsonata":
                seeds.UnionWith(Members(Suite(sharedDirectory, "jsonata"), "expr"));
                seeds.UnionWith(definitions.SelectMany(Strings).SelectMany(JsonataInside));
                break;
            default:
                throw new ArgumentException($"Unknown target '{target}'.", nameof(target));
        }

        seeds.RemoveWhere(s => s.Length == 0 || Encoding.UTF8.GetByteCount(s) > 64 * 1024);
        var chosen = Spread(seeds.ToList(), max);
        Directory.CreateDirectory(outputDirectory);
        for (var i = 0; i < chosen.Count; i++)
        {
            var name = string.Create(CultureInfo.InvariantCulture, $"seed-{i:D5}");
            File.WriteAllText(Path.Combine(outputDirectory, name), chosen[i], new UTF8Encoding(false));
        }

        return chosen.Count;
    }

    private static List<string> Spread(List<string> all, int max)
    {
        if (all.Count <= max)
        {
            return all;
        }

        var step = (double)all.Count / max;
        return Enumerable.Range(0, max).Select(i => all[(int)(i * step)]).ToList();
    }

    private static List<JsonElement> Definitions(string shared) =>
        Documents(Path.Combine(shared, "conformance"))
            .Where(d => d.ValueKind == JsonValueKind.Object && d.TryGetProperty("definition", out _))
            .Select(d => d.GetProperty("definition"))
            .Select(d => d.ValueKind == JsonValueKind.String && Parse(d.GetString()!) is { } parsed ? parsed : d)
            .ToList();

    private static IEnumerable<JsonElement> Suite(string shared, string name) =>
        Documents(Path.Combine(shared, "suites", name));

    private static IEnumerable<JsonElement> Documents(string root) =>
        Directory.Exists(root)
            ? Directory.EnumerateFiles(root, "*.json", SearchOption.AllDirectories)
                .Order(StringComparer.Ordinal)
                .Select(f => Parse(File.ReadAllText(f)))
                .OfType<JsonElement>()
            : [];

    /// <summary>Every string value of a member called <paramref name="name"/>, at any depth.</summary>
    private static IEnumerable<string> Members(IEnumerable<JsonElement> documents, string name)
    {
        foreach (var element in documents.SelectMany(Descendants))
        {
            if (element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && Text(value) is { } text)
            {
                yield return text;
            }
        }
    }

    private static IEnumerable<string> Strings(JsonElement value)
    {
        foreach (var element in Descendants(value))
        {
            if (element.ValueKind == JsonValueKind.Object)
            {
                foreach (var member in element.EnumerateObject())
                {
                    yield return member.Name;
                }
            }
            else if (Text(element) is { } text)
            {
                yield return text;
            }
        }
    }

    private static IEnumerable<JsonElement> Descendants(JsonElement value)
    {
        yield return value;
        var children = value.ValueKind switch
        {
            JsonValueKind.Object => value.EnumerateObject().Select(m => m.Value),
            JsonValueKind.Array => value.EnumerateArray(),
            _ => [],
        };
        foreach (var descendant in children.SelectMany(Descendants))
        {
            yield return descendant;
        }
    }

    private static IEnumerable<string> JsonataInside(string text)
    {
        var trimmed = text.Trim();
        if (trimmed.Length >= 4 && trimmed.StartsWith("{%", StringComparison.Ordinal) && trimmed.EndsWith("%}", StringComparison.Ordinal))
        {
            yield return trimmed[2..^2].Trim();
        }
    }

    /// <summary>The string's value; null for a non-string or one .NET cannot decode (a lone surrogate escape).</summary>
    private static string? Text(JsonElement value)
    {
        if (value.ValueKind != JsonValueKind.String)
        {
            return null;
        }

        try
        {
            return value.GetString();
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }

    private static JsonElement? Parse(string text)
    {
        try
        {
            using var document = JsonDocument.Parse(text);
            return document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
