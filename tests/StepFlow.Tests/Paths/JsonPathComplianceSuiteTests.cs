using StepFlow.Paths;
using StepFlow.Conformance;
using StepFlow.Conformance.Suites;
using StepFlow.Tests.Support;

namespace StepFlow.Tests.Paths;

/// <summary>The RFC 9535 compliance test suite, one test per case, plus the ASL-mode deviation check.</summary>
public sealed class JsonPathComplianceSuiteTests
{
    private const string Absent = "(shared folder absent)";

    private static readonly Lazy<IReadOnlyDictionary<string, JsonPathComplianceCase>> Cases = new(LoadCases);
    private static readonly Lazy<IReadOnlyDictionary<string, string>> FailureList = new(() => LoadKnownFailures());

    public static TheoryData<string> CaseNames()
    {
        var data = new TheoryData<string>();
        foreach (var name in Cases.Value.Keys)
        {
            data.Add(name);
        }

        if (data.Count == 0)
        {
            data.Add(Absent);
        }

        return data;
    }

    [SharedSuiteTheory]
    [MemberData(nameof(CaseNames))]
    public void Rfc9535_Case(string name)
    {
        var testCase = Cases.Value[name];

        var result = JsonPathComplianceSuite.Run(testCase, JsonPathDialect.Rfc9535);

        if (FailureList.Value.TryGetValue(name, out var reason))
        {
            result.Passed.Should().BeFalse($"'{name}' is listed as a known failure ({reason}); remove it from jsonpath-cts-known-failures.txt now that it passes");
        }
        else
        {
            result.Difference.Should().BeNull();
            result.Outcome.Should().Be(JsonPathComplianceOutcome.Passed);
        }
    }

    [SharedSuiteFact]
    public void Suite_HasAllCases()
    {
        Cases.Value.Should().HaveCount(703);
    }

    [SharedSuiteFact]
    public void AslMode_FailsOnlyWhereAslDeliberatelyDiffers_AndSaysWhy()
    {
        var results = Cases.Value.Values.Select(c => JsonPathComplianceSuite.Run(c, JsonPathDialect.Asl)).ToList();

        results.Where(r => r.Outcome == JsonPathComplianceOutcome.Failed).Select(r => r.ToString()).Should().BeEmpty();
        var deviations = results.Where(r => r.Outcome == JsonPathComplianceOutcome.AslDeviation).ToList();
        deviations.Should().NotBeEmpty().And.OnlyContain(r => !string.IsNullOrEmpty(r.Reason));
        deviations.Where(r => r.Case.Tags.Contains("function")).Should().NotBeEmpty("RFC filter functions are rejected in ASL mode");
    }

    [Fact]
    public void KnownFailuresFile_NamesOnlyCasesWithReasons()
    {
        var lines = File.ReadAllLines(KnownFailuresPath())
            .Where(l => !string.IsNullOrWhiteSpace(l) && !l.TrimStart().StartsWith('#'));

        lines.Where(l => l.IndexOf('#', StringComparison.Ordinal) <= 0).Should().BeEmpty("every line is '<case name> # <reason>'");
    }

    private static Dictionary<string, JsonPathComplianceCase> LoadCases()
    {
        var path = SharedFolder.Find("suites", "jsonpath-cts", "cts.json");
        return path is null ? [] : JsonPathComplianceSuite.Load(path).ToDictionary(c => c.Name, StringComparer.Ordinal);
    }

    private static Dictionary<string, string> LoadKnownFailures()
    {
        var failures = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in File.ReadAllLines(KnownFailuresPath()))
        {
            var hash = line.IndexOf('#', StringComparison.Ordinal);
            if (hash <= 0)
            {
                continue;
            }

            failures[line[..hash].Trim()] = line[(hash + 1)..].Trim();
        }

        return failures;
    }

    private static string KnownFailuresPath() =>
        Path.Combine(AppContext.BaseDirectory, "Paths", "jsonpath-cts-known-failures.txt");
}
