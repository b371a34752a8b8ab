using System.Diagnostics;
using StepFlow.Json;
using StepFlow.Parsing;
using StepFlow.Parsing.Validation;
using StepFlow.Conformance;
using StepFlow.Tests.Support;

namespace StepFlow.Tests.Parsing;

/// <summary>Every definition that real AWS accepted and ran must validate without errors.</summary>
public sealed class DefinitionValidatorConformanceTests
{
    public static TheoryData<string> ConformanceCases()
    {
        var data = new TheoryData<string>();
        var folder = SharedFolder.Find("conformance");
        if (folder is null)
        {
            data.Add("(shared folder absent)");
            return data;
        }

        foreach (var file in Directory.EnumerateFiles(folder, "*.json", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetRelativePath(folder, file));
        }

        return data;
    }

    [SharedSuiteTheory]
    [MemberData(nameof(ConformanceCases))]
    public void Validate_AwsAcceptedDefinition_HasNoErrors(string relativePath)
    {
        var folder = SharedFolder.Find("conformance")!;
        var root = (JsonObject)JsonValue.Parse(File.ReadAllText(Path.Combine(folder, relativePath)));
        var express = root.TryGetValue("stateMachineType", out var type) && type is JsonString { Value: "EXPRESS" };
        var options = new ValidationOptions { StateMachineType = express ? StateMachineType.Express : StateMachineType.Standard };

        var diagnostics = DefinitionValidator.Validate(root["definition"], options);

        diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Should().BeEmpty();
    }

    [SharedSuiteFact]
    public void Validate_AllConformanceDefinitions_HaveNoErrors()
    {
        var folder = SharedFolder.Find("conformance")!;
        var files = Directory.EnumerateFiles(folder, "*.json", SearchOption.AllDirectories).ToList();
        var failures = new List<string>();
        foreach (var file in files)
        {
            var root = (JsonObject)JsonValue.Parse(File.ReadAllText(file));
            foreach (var diagnostic in DefinitionValidator.Validate(root["definition"]))
            {
                if (diagnostic.Severity == DiagnosticSeverity.Error)
                {
                    failures.Add($"{Path.GetRelativePath(folder, file)}: {diagnostic}");
                }
            }
        }

        files.Should().HaveCountGreaterThan(100);
        failures.Should().BeEmpty();
    }

    [SharedSuiteFact]
    public void Validate_W7ParseWorkload_HasNoErrors()
    {
        // Speed is measured by `stepflow-dev bench w7-parse.json` (tools/StepFlow.DevTool) and BenchmarkDotNet, never by a timed unit test.
        var path = SharedFolder.Find("bench", "workloads", "w7-parse.json");
        path.Should().NotBeNull();
        var definition = ((JsonObject)JsonValue.Parse(File.ReadAllText(path!)))["definition"];

        DefinitionValidator.Validate(definition).Where(d => d.Severity == DiagnosticSeverity.Error).Should().BeEmpty();
    }

}
