using StepFlow.Jsonata;
using StepFlow.Conformance;
using StepFlow.Conformance.Suites;
using StepFlow.Tests.Support;

namespace StepFlow.Tests.Jsonata;

/// <summary>The JSONata test suite (jsonata-js v2.2.2 test data), one test per case at level 2.2, plus level 2.0.6 checks.</summary>
public sealed class JsonataSuiteTests
{
    private const string Absent = "(shared folder absent)";

    private static readonly Lazy<IReadOnlyDictionary<string, JsonataSuiteCase>> Cases = new(LoadCases);
    private static readonly Lazy<IReadOnlyDictionary<string, string>> FailureList = new(LoadKnownFailures);

    public static TheoryData<string> CaseIds()
    {
        var data = new TheoryData<string>();
        foreach (var id in Cases.Value.Keys)
        {
            data.Add(id);
        }

        if (data.Count == 0)
        {
            data.Add(Absent);
        }

        return data;
    }

    [SharedSuiteTheory]
    [MemberData(nameof(CaseIds))]
    public void Level22_Case(string id)
    {
        var result = JsonataSuite.Run(Cases.Value[id], JsonataLevel.V2_2);

        if (FailureList.Value.TryGetValue(id, out var reason))
        {
            result.Passed.Should().BeFalse($"'{id}' is listed as a known failure ({reason}); remove it from jsonata-known-failures.txt now that it passes");
        }
        else
        {
            result.Difference.Should().BeNull();
            result.Passed.Should().BeTrue();
        }
    }

    [SharedSuiteFact]
    public void Suite_HasAllCases()
    {
        Cases.Value.Should().HaveCount(1686);
    }

    [SharedSuiteFact]
    public void Level206_FailsOnlyTheKnownDifferences_AndRejectsTheNewOperators()
    {
        var folder = SharedFolder.Find("suites", "jsonata")!;
        var known = JsonataSuite.LoadKnown206Differences(folder);
        known.Should().HaveCount(54);

        var results = Cases.Value.Values.Select(c => JsonataSuite.Run(c, JsonataLevel.V2_0_6, known)).ToList();

        var unexpected = results
            .Where(r => r.Outcome == JsonataSuiteOutcome.Failed && !FailureList.Value.ContainsKey(r.Id))
            .Select(r => r.ToString());
        unexpected.Should().BeEmpty();

        foreach (var id in known.Where(k => k.StartsWith("coalescing-operator/", StringComparison.Ordinal) || k.StartsWith("default-operator/", StringComparison.Ordinal)))
        {
            var act = () => JsonataExpression.Compile(Cases.Value[id].Expression, new JsonataOptions { Level = JsonataLevel.V2_0_6 });
            act.Should().Throw<JsonataException>().Which.Code.Should().Be("S0211", id);
        }
    }

    [Fact]
    public void KnownFailuresFile_NamesOnlyCasesWithReasons()
    {
        var lines = File.ReadAllLines(KnownFailuresPath())
            .Where(l => !string.IsNullOrWhiteSpace(l) && !l.TrimStart().StartsWith('#'));

        lines.Where(l => l.IndexOf(" #", StringComparison.Ordinal) <= 0).Should().BeEmpty("every line is '<case id>  # <reason>'");
    }

    private static Dictionary<string, JsonataSuiteCase> LoadCases()
    {
        var folder = SharedFolder.Find("suites", "jsonata");
        return folder is null ? [] : JsonataSuite.Load(folder).ToDictionary(c => c.Id, StringComparer.Ordinal);
    }

    private static Dictionary<string, string> LoadKnownFailures()
    {
        var failures = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in File.ReadAllLines(KnownFailuresPath()))
        {
            var trimmed = line.TrimStart();
            if (trimmed.StartsWith('#'))
            {
                continue;
            }

            var hash = line.IndexOf(" #", StringComparison.Ordinal);
            if (hash <= 0)
            {
                continue;
            }

            failures[line[..hash].Trim()] = line[(hash + 1)..].Trim();
        }

        return failures;
    }

    private static string KnownFailuresPath() =>
        Path.Combine(AppContext.BaseDirectory, "Jsonata", "jsonata-known-failures.txt");
}
