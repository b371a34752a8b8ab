namespace StepFlow.Conformance;

/// <summary>
/// Finds the read-only <c>shared</c> folder (outside suites, conformance cases, benchmark workloads)
/// that sits beside a StepFlow checkout. It is not part of the repository: callers must cope with its absence.
/// </summary>
public static class SharedFolder
{
    /// <summary>The environment variable that names the folder explicitly.</summary>
    public const string EnvironmentVariable = "STEPFLOW_SHARED";

    private static readonly Lazy<string?> Located = new(Locate);

    /// <summary>The folder's full path, or null when it cannot be found.</summary>
    public static string? Path => Located.Value;

    /// <summary>The message tests print when they skip for want of the folder.</summary>
    public static string MissingMessage =>
        $"The shared folder (../shared beside the checkout, or ${EnvironmentVariable}) is absent, so this outside suite cannot run.";

    /// <summary>A path inside the shared folder, or null when the folder or the item is absent.</summary>
    public static string? Find(params string[] relative)
    {
        if (Path is null)
        {
            return null;
        }

        var full = System.IO.Path.Combine([Path, .. relative]);
        return File.Exists(full) || Directory.Exists(full) ? full : null;
    }

    private static string? Locate()
    {
        var explicitPath = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrEmpty(explicitPath) && Directory.Exists(explicitPath))
        {
            return System.IO.Path.GetFullPath(explicitPath);
        }

        foreach (var start in new[] { AppContext.BaseDirectory, Directory.GetCurrentDirectory() })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = System.IO.Path.Combine(dir.FullName, "shared");
                if (Directory.Exists(System.IO.Path.Combine(candidate, "conformance")) ||
                    Directory.Exists(System.IO.Path.Combine(candidate, "suites")))
                {
                    return candidate;
                }
            }
        }

        return null;
    }
}
