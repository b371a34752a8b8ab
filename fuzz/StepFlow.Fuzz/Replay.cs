using System.Diagnostics;
using StepFlow.Fuzz.Targets;

namespace StepFlow.Fuzz;

/// <summary>Runs saved inputs (crashes, hangs, a corpus) through a target outside afl-fuzz and prints each outcome.</summary>
internal static class Replay
{
    /// <summary>An input is a hang when it runs longer than this, in wall-clock time and in CPU time.</summary>
    public static readonly TimeSpan HangAfter = TimeSpan.FromSeconds(5);

    /// <summary>Runs every file named (directories are expanded); returns 1 when any input crashed or hung, else 0.</summary>
    public static int Run(IFuzzTarget target, IEnumerable<string> paths, TextWriter output)
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
                var outcome = RunOne(target, File.ReadAllBytes(file));
                output.WriteLine(outcome ?? "ok");
                failed += outcome is not null && outcome.StartsWith("HANG", StringComparison.Ordinal) ? 1 : 0;
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

    /// <summary>
    /// Null when the input finished within <see cref="HangAfter"/>; otherwise what happened. On a loaded machine
    /// wall-clock time overstates the work, so a run past the limit is a hang only once it has also used that
    /// much CPU time (the input runs alone in this process, and garbage collection runs on its thread).
    /// </summary>
    private static string? RunOne(IFuzzTarget target, byte[] input)
    {
        var process = Process.GetCurrentProcess();
        var cpuBefore = process.TotalProcessorTime;
        var wall = Stopwatch.StartNew();
        var run = SmallStack.Start(target, input);
        if (run.Wait(HangAfter))
        {
            return null;
        }

        while (!run.Wait(TimeSpan.FromMilliseconds(200)))
        {
            process.Refresh();
            var cpu = process.TotalProcessorTime - cpuBefore;
            if (cpu > HangAfter)
            {
                return $"HANG (still running after {wall.Elapsed.TotalSeconds:0.0} s, {cpu.TotalSeconds:0.0} s of CPU)";
            }
        }

        process.Refresh();
        return $"ok, slow: {wall.Elapsed.TotalSeconds:0.0} s on the clock but {(process.TotalProcessorTime - cpuBefore).TotalSeconds:0.0} s of CPU (a loaded machine)";
    }
}
