using System.Diagnostics;
using StepFlow.Json;
using StepFlow.Parsing;
using StepFlow.Parsing.Validation;
using StepFlow.Testing;
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
    public void Validate_W7ParseWorkload_HasNoErrorsAndIsFast()
    {
        var path = SharedFolder.Find("bench", "workloads", "w7-parse.json");
        path.Should().NotBeNull();
        var definition = ((JsonObject)JsonValue.Parse(File.ReadAllText(path!)))["definition"];

        DefinitionValidator.Validate(definition).Where(d => d.Severity == DiagnosticSeverity.Error).Should().BeEmpty();

        for (var i = 0; i < 300; i++)
        {
            DefinitionValidator.Validate(definition);
        }

        // Best of several batches: the machine is shared, so the minimum is the honest cost.
        var best = double.MaxValue;
        for (var batch = 0; batch < 20; batch++)
        {
            var watch = Stopwatch.StartNew();
            for (var i = 0; i < 25; i++)
            {
                DefinitionValidator.Validate(definition);
            }

            best = Math.Min(best, watch.Elapsed.TotalMilliseconds / 25);
        }

        // Under 1 ms in an optimized build; an unoptimized (Debug) build of the validator gets 3x headroom.
        var optimized = typeof(DefinitionValidator).Assembly.GetCustomAttributes(typeof(DebuggableAttribute), false)
            .OfType<DebuggableAttribute>().All(a => !a.IsJITOptimizerDisabled);
        best.Should().BeLessThan(optimized ? 1.0 : 3.0, "validating the 500-state W7 definition must take well under 1 ms");
    }
}
