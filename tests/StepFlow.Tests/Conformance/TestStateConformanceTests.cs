using StepFlow.Conformance;
using StepFlow.Conformance.Asl;
using StepFlow.Conformance.TestState;
using StepFlow.Tests.Support;

namespace StepFlow.Tests.Conformance;

/// <summary>
/// Sends every recorded TestState call under ../shared/conformance-teststate to StepFlow as its own test. A case on
/// teststate-known-failures.txt must still fail; every other case must match AWS's response (or refusal) field for field.
/// </summary>
public sealed class TestStateConformanceTests
{
    private const string AbsentMarker = "(shared folder absent)";

    private static readonly Lazy<FailureList> KnownFailureList = new(() =>
        FailureList.Load(Path.Combine(AppContext.BaseDirectory, "Conformance", "teststate-known-failures.txt")));

    public static TheoryData<string> Cases()
    {
        var data = new TheoryData<string>();
        var folder = SharedFolder.Find("conformance-teststate");
        if (folder is null)
        {
            // The theory is skipped then (SharedSuiteTheory); one row keeps xunit from complaining about no data.
            data.Add(AbsentMarker);
            return data;
        }

        foreach (var file in TestStateCase.FindCaseFiles(folder))
        {
            data.Add(Path.GetRelativePath(folder, file).Replace('\\', '/'));
        }

        return data;
    }

    [SharedSuiteTheory]
    [MemberData(nameof(Cases))]
    public async Task Case_MatchesTheRecording(string relativePath)
    {
        var folder = SharedFolder.Find("conformance-teststate");
        folder.Should().NotBeNull(SharedFolder.MissingMessage);
        var testCase = TestStateCase.Load(Path.Combine(folder!, relativePath));

        var result = await new TestStateRunner().RunAsync(testCase, CancellationToken.None);

        if (KnownFailureList.Value.Contains(testCase.Name, out var reason))
        {
            result.Passed.Should().BeFalse(
                $"'{testCase.Name}' is on teststate-known-failures.txt ({reason}) but now passes: remove it from the list");
        }
        else
        {
            result.Passed.Should().BeTrue($"{testCase.Name}: {result.Message}");
        }
    }

    [SharedSuiteFact]
    public void KnownFailures_NameOnlyExistingCases_AndStayWithinFivePercent()
    {
        var folder = SharedFolder.Find("conformance-teststate");
        folder.Should().NotBeNull(SharedFolder.MissingMessage);
        var names = TestStateCase.FindCaseFiles(folder!).Select(Path.GetFileNameWithoutExtension).ToHashSet(StringComparer.Ordinal);

        KnownFailureList.Value.Names.Where(n => !names.Contains(n)).Should().BeEmpty("every listed case must exist");
        KnownFailureList.Value.Count.Should().BeLessThanOrEqualTo(names.Count / 20, "at least 95 % of the recorded calls must pass");
    }
}
