using StepFlow.Fuzz.Targets;

namespace StepFlow.Tests.Fuzz;

/// <summary>
/// Every input the fuzzer found to crash, hang or exhaust memory, replayed through the harness that found it
/// (the same code, linked from fuzz/StepFlow.Fuzz/Targets) on a small-stack thread: only the documented
/// errors may come out, within the time limit.
/// </summary>
public sealed class FuzzFindingTests
{
    private static readonly string Folder = Path.Combine(AppContext.BaseDirectory, "Fuzz");

    /// <summary>Longer than the fuzzer's 5 s hang limit, so a loaded test machine does not make a fixed input fail.</summary>
    private static readonly TimeSpan HangAfter = TimeSpan.FromSeconds(30);

    public static TheoryData<string> Fixed() => Listed("fixed");

    public static TheoryData<string> Open() => Listed("open");

    [Theory]
    [MemberData(nameof(Fixed))]
    public void Finding_RunsThroughItsHarness_WithOnlyDocumentedErrors(string finding) => Replay(finding);

    [Theory(Skip = "Open findings (fuzz-findings.txt): their fixes are made elsewhere; mark a line 'fixed' to run it.")]
    [MemberData(nameof(Open))]
    public void OpenFinding_RunsThroughItsHarness_WithOnlyDocumentedErrors(string finding) => Replay(finding);

    [Fact]
    public void EveryInputFile_IsListed_AndEveryListedInputExists()
    {
        var listed = Entries().Select(e => e.Path).ToList();
        var files = Directory.EnumerateFiles(Path.Combine(Folder, "Inputs"), "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(Path.Combine(Folder, "Inputs"), f).Replace('\\', '/'))
            .ToList();

        files.Should().BeEquivalentTo(listed);
        Entries().Should().OnlyContain(e => e.Status == "fixed" || e.Status == "open");
        Entries().Should().OnlyContain(e => FuzzTargets.Find(e.Path.Split('/')[0]) != null);
    }

    private static void Replay(string finding)
    {
        var target = FuzzTargets.Find(finding.Split('/')[0])!;
        var input = File.ReadAllBytes(Path.Combine(Folder, "Inputs", finding));

        var finished = SmallStack.Run(target, input, HangAfter);

        finished.Should().BeTrue($"the {target.Name} harness should finish '{finding}' within {HangAfter.TotalSeconds} s");
    }

    private static TheoryData<string> Listed(string status)
    {
        var data = new TheoryData<string>();
        foreach (var entry in Entries().Where(e => e.Status == status))
        {
            data.Add(entry.Path);
        }

        return data;
    }

    private static IEnumerable<(string Path, string Status)> Entries() =>
        File.ReadLines(Path.Combine(Folder, "fuzz-findings.txt"))
            .Select(line => line.Split('#', 2)[0].Trim())
            .Where(line => line.Length > 0)
            .Select(line => line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
            .Select(parts => (parts[0], parts.Length > 1 ? parts[1] : string.Empty));
}
