using System.Reflection;
using System.Text.RegularExpressions;
using StepFlow.Definition;

namespace StepFlow.Tests.Parsing;

/// <summary>ASL's field names have one home, <see cref="AslFields"/>: the validator and the builder spell none of them out.</summary>
public sealed partial class AslFieldNameTests
{
    [Fact]
    public void ValidatorAndBuilder_NameFieldsOnlyThroughAslFields()
    {
        var names = typeof(AslFields).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral)
            .Select(f => (string)f.GetRawConstantValue()!)
            .ToHashSet(StringComparer.Ordinal);
        names.Should().Contain(["Type", "Next", "ResultSelector", "ToleratedFailureCountPath", "StringEquals"]);

        var parsing = Path.Combine(RepositoryRoot(), "src", "StepFlow", "Parsing");
        var files = Directory.GetFiles(Path.Combine(parsing, "Validation"), "*.cs")
            .Concat(Directory.GetFiles(parsing, "StateMachine*.cs"))
            .ToList();
        files.Should().HaveCountGreaterThan(20);

        var spelled = files
            .SelectMany(file => File.ReadLines(file).Select((line, i) => (file, line, number: i + 1)))
            .SelectMany(l => Literal().Matches(l.line)
                .Where(m => names.Contains(m.Groups[1].Value))
                .Select(m => $"{Path.GetFileName(l.file)}:{l.number}: {m.Value}"))
            .ToList();

        spelled.Should().BeEmpty("every ASL field name is named through AslFields");
    }

    /// <summary>A whole C# string literal (not one inside another string, not verbatim or interpolated).</summary>
    [GeneratedRegex("""(?<![\w$@\\"])"([A-Za-z]+)"(?!")""")]
    private static partial Regex Literal();

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "StepFlow.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("The repository root (StepFlow.sln) was not found above " + AppContext.BaseDirectory);
    }
}
