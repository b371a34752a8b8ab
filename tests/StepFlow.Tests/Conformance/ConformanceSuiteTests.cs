using StepFlow.Conformance;
using StepFlow.Conformance.Asl;
using StepFlow.Tests.Support;

namespace StepFlow.Tests.Conformance;

/// <summary>
/// Runs every recorded case under the shared conformance folder as its own test. A case on
/// conformance-known-failures.txt must still fail; every other case must pass on status and
/// output or error (cause and history are reported by the CLI, not asserted here).
/// </summary>
public sealed class ConformanceSuiteTests
{
    private const string AbsentMarker = "(shared folder absent)";

    private static readonly Lazy<FailureList> KnownFailureList = new(() =>
        FailureList.Load(Path.Combine(AppContext.BaseDirectory, "Conformance", "conformance-known-failures.txt")));

    public static TheoryData<string> Cases()
    {
        var data = new TheoryData<string>();
        var folder = SharedFolder.Find("conformance");
        if (folder is null)
        {
            // The theory is skipped then (SharedSuiteTheory); one row keeps xunit from complaining about no data.
            data.Add(AbsentMarker);
            return data;
        }

        foreach (var file in ConformanceCase.FindCaseFiles(folder))
        {
            data.Add(Path.GetRelativePath(folder, file).Replace('\\', '/'));
        }

        return data;
    }

    [SharedSuiteTheory]
    [MemberData(nameof(Cases))]
    public async Task Case_MatchesTheRecording(string relativePath)
    {
        var folder = SharedFolder.Find("conformance");
        folder.Should().NotBeNull(SharedFolder.MissingMessage);
        var testCase = ConformanceCase.Load(Path.Combine(folder!, relativePath));

        var result = await new ConformanceRunner().RunAsync(testCase, CancellationToken.None);

        if (KnownFailureList.Value.Contains(testCase.Name, out var reason))
        {
            result.Passed.Should().BeFalse(
                $"'{testCase.Name}' is on conformance-known-failures.txt ({reason}) but now passes: remove it from the list");
        }
        else
        {
            result.Passed.Should().BeTrue($"{testCase.Name}: {result.Message}");
        }
    }

    [SharedSuiteFact]
    public void KnownFailures_NameOnlyExistingCases()
    {
        var folder = SharedFolder.Find("conformance")!;
        var names = ConformanceCase.FindCaseFiles(folder).Select(Path.GetFileNameWithoutExtension).ToHashSet(StringComparer.Ordinal);

        KnownFailureList.Value.Names.Where(n => !names.Contains(n)).Should().BeEmpty("every listed case must exist");
    }
}
