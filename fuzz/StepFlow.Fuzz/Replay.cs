using StepFlow.Fuzz.Targets;

namespace StepFlow.Fuzz;

/// <summary>Runs saved inputs (crashes, hangs, a corpus) through a target outside afl-fuzz and prints each outcome.</summary>
internal static class Replay
{
    /// <summary>Runs every file named (directories are expanded); returns 1 when any input crashed or hung, else 0.</summary>
    public static int Run(IFuzzTarget target, IEnumerable<string> paths, TimeSpan hangAfter, TextWriter output)
    {
        var failed = 0;
        var files = paths
            .SelectMany<string, string>(p => Directory.Exists(p) ? Directory.EnumerateFiles(p).Order(StringComparer.Ordinal) : [p])
            .Where(f => !Path.GetFileName(f).Equals("README.txt", StringComparison.Ordinal))
            .ToList();
        foreach (var file in files)
        {
            // Written first, so a stack overflow (which ends the process) still names its input.
            output.Write($"{target.Name} {file}: ");
            output.Flush();
            try
            {
                var finished = SmallStack.Run(target, File.ReadAllBytes(file), hangAfter);
                output.WriteLine(finished ? "ok" : $"HANG (still running after {hangAfter.TotalSeconds:0} s)");
                failed += finished ? 0 : 1;
            }
#pragma warning disable CA1031 // Every escaping exception is the finding being reported.
            catch (Exception e)
#pragma warning restore CA1031
            {
                output.WriteLine($"CRASH {e.GetType().FullName}: {e.Message}");
                output.WriteLine(e.StackTrace);
                failed++;
            }
        }

        output.WriteLine($"{target.Name}: {files.Count} input(s), {failed} crash(es) or hang(s)");
        return failed == 0 ? 0 : 1;
    }
}
