using System.Collections.Immutable;
using StepFlow.Json;
using StepFlow.Parsing;
using StepFlow.Parsing.Validation;

namespace StepFlow.Tests.Parsing;

/// <summary>Terse definitions for validator tests: single quotes stand for double quotes.</summary>
internal static class ValidationTestHelpers
{
    public static string J(string text) => text.Replace('\'', '"');

    /// <summary>A machine whose StartAt is the single state <paramref name="name"/>.</summary>
    public static string Single(string stateJson, string name = "S", string topLevelExtra = "") =>
        J($"{{ {topLevelExtra} 'StartAt': '{name}', 'States': {{ '{name}': {stateJson} }} }}");

    public static ImmutableArray<Diagnostic> Validate(string json, ValidationOptions? options = null) =>
        DefinitionValidator.Validate(JsonValue.Parse(J(json)), options);

    public static IEnumerable<string> Errors(this ImmutableArray<Diagnostic> diagnostics) =>
        diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Select(d => $"{d.Code} {d.Location}");

    public static IEnumerable<string> Warnings(this ImmutableArray<Diagnostic> diagnostics) =>
        diagnostics.Where(d => d.Severity == DiagnosticSeverity.Warning).Select(d => $"{d.Code} {d.Location}");

    public static void ShouldReport(string json, string code, string location, ValidationOptions? options = null) =>
        Validate(json, options).Select(d => $"{d.Code} {d.Location}").Should().Contain($"{code} {location}");

    public static void ShouldBeValid(string json, ValidationOptions? options = null) =>
        Validate(json, options).Errors().Should().BeEmpty();
}
