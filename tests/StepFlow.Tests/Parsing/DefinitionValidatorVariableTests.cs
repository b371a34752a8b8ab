using System.Collections.Immutable;
using StepFlow.Definition;
using StepFlow.Json;
using StepFlow.Parsing;
using StepFlow.Parsing.Validation;

namespace StepFlow.Tests.Parsing;

/// <summary>
/// F-VAR-09: a reference to a variable that no Assign anywhere assigns is reported. It is a warning, not an
/// error: AWS accepted and ran seven conformance definitions with such references (they fail at runtime).
/// </summary>
public sealed class DefinitionValidatorVariableTests
{
    private const string Schema = DiagnosticCodes.SchemaValidationFailed;

    /// <summary>A two-state machine: A (which assigns) then S (the state under test). Real JSON, no quote swapping.</summary>
    private static string Machine(string assign, string state, string language = "JSONPath") => $$"""
        { "QueryLanguage": "{{language}}", "StartAt": "A", "States": {
            "A": { "Type": "Pass", "Assign": {{assign}}, "Next": "S" },
            "S": {{state}} } }
        """;

    private static ImmutableArray<Diagnostic> Validate(string json) => DefinitionValidator.Validate(JsonValue.Parse(json));

    private static List<string> VariableDiagnostics(string json) =>
        [.. Validate(json).Where(d => d.Message.Contains("is referenced, but no Assign", StringComparison.Ordinal))
            .Select(d => $"{d.Severity} {d.Code} {d.Location}")];

    [Theory]
    [InlineData("""{ "Type": "Pass", "Parameters": { "a.$": "$missing" }, "End": true }""", "/States/S/Parameters/a.$")]
    [InlineData("""{ "Type": "Pass", "Parameters": { "a.$": "$missing.field[0]" }, "End": true }""", "/States/S/Parameters/a.$")]
    [InlineData("""{ "Type": "Pass", "InputPath": "$missing", "End": true }""", "/States/S/InputPath")]
    [InlineData("""{ "Type": "Pass", "Parameters": { "a.$": "States.Format('{}', $missing)" }, "End": true }""", "/States/S/Parameters/a.$")]
    [InlineData("""{ "Type": "Pass", "Assign": { "b.$": "States.Array(States.Format('{} $x', $missing))" }, "End": true }""", "/States/S/Assign/b.$")]
    [InlineData("""{ "Type": "Choice", "Choices": [ { "Variable": "$missing", "IsPresent": true, "Next": "E" } ], "Default": "E" }, "E": { "Type": "Succeed" }""", "/States/S/Choices/0/Variable")]
    [InlineData("""{ "Type": "Choice", "Choices": [ { "Not": { "Variable": "$.a", "StringEqualsPath": "$missing" }, "Next": "E" } ], "Default": "E" }, "E": { "Type": "Succeed" }""", "/States/S/Choices/0/Not/StringEqualsPath")]
    [InlineData("""{ "Type": "Fail", "CausePath": "$missing" }""", "/States/S/CausePath")]
    public void Validate_JsonPathReferenceToUnassignedVariable_ReportsPointer(string state, string location)
    {
        var json = Machine("""{ "known": 1 }""", state);

        VariableDiagnostics(json).Should().Equal($"Warning {Schema} {location}");
        Validate(json).Single(d => d.Location == location).Message.Should().Contain("$missing");
    }

    [Theory]
    [InlineData("""{ "Type": "Pass", "Output": "{% $missing %}", "End": true }""", "/States/S/Output")]
    [InlineData("""{ "Type": "Pass", "Output": { "a": [ "{% $string($missing.x) %}" ] }, "End": true }""", "/States/S/Output/a/0")]
    [InlineData("""{ "Type": "Choice", "Choices": [ { "Condition": "{% $missing > 1 %}", "Next": "E" } ], "Default": "E" }, "E": { "Type": "Succeed" }""", "/States/S/Choices/0/Condition")]
    [InlineData("""{ "Type": "Pass", "Assign": { "y": "{% $missing %}" }, "End": true }""", "/States/S/Assign/y")]
    public void Validate_JsonataReferenceToUnassignedVariable_ReportsPointer(string state, string location) =>
        VariableDiagnostics(Machine("""{ "known": 1 }""", state, "JSONata")).Should().Equal($"Warning {Schema} {location}");

    [Theory]
    [InlineData("""{ "Type": "Pass", "Parameters": { "a.$": "$known", "b.$": "$.x", "c.$": "$$.Execution.Id", "d.$": "$" }, "End": true }""")]
    [InlineData("""{ "Type": "Pass", "Parameters": { "a.$": "States.Format('{} $missing', $known, $.x)" }, "End": true }""")]
    [InlineData("""{ "Type": "Pass", "Parameters": { "literal": "$missing" }, "Result": { "r.$": "$missing" }, "ResultPath": "$.r", "End": true }""")]
    [InlineData("""{ "Type": "Choice", "Choices": [ { "Variable": "$known", "StringEqualsPath": "$known.x", "Next": "E" } ], "Default": "E" }, "E": { "Type": "Succeed" }""")]
    [InlineData("""{ "Type": "Pass", "Output": "{% $missing %}", "End": true }""")]
    public void Validate_JsonPathAssignedOrNonVariable_IsNotReported(string state) =>
        VariableDiagnostics(Machine("""{ "known.$": "$.k" }""", state)).Should().BeEmpty();

    [Theory]
    [InlineData("{% $known + $sum([1,2]) + $count($states.input.items) %}")]
    [InlineData("{% $map($states.input.xs, $string) %}")]
    [InlineData("{% ( $t := $states.input.a; $t * 2 ) %}")]
    [InlineData("{% $map($states.input.xs, function($v, $i) { $v + $i }) %}")]
    [InlineData("{% $states.input.xs#$pos[$pos > 1] %}")]
    [InlineData("{% 'text $missing' & \"$missing\" & `$missing` /* $missing */ %}")]
    [InlineData("{% $myHelper(1) %}")]
    [InlineData("$missing is literal without the braces")]
    public void Validate_JsonataFunctionsStatesAndLocalNames_AreNotReported(string expression)
    {
        var state = $$"""{ "Type": "Pass", "Output": {{new JsonString(expression).ToJsonString()}}, "End": true }""";

        VariableDiagnostics(Machine("""{ "known": 1 }""", state, "JSONata")).Should().BeEmpty();
    }

    [Theory]
    [InlineData("""{"a.$":"$.x","b.$":"$$.Execution.Id","c":"$ 1"}""", false)]
    [InlineData("""{"a.$":"$missing"}""", true)]
    [InlineData("""{"a.$":"$_x"}""", true)]
    [InlineData("""{"a.$":"$\u0078"}""", true)]
    [InlineData("""{"a":"price in $"}""", false)]
    public void MayReferenceVariables_ScansTheTextForADollarBeforeANameOrAnEscape(string text, bool expected) =>
        VariableReferenceRules.MayReferenceVariables(text).Should().Be(expected);

    [Theory]
    [InlineData("$missing")]
    [InlineData("$\\u006dissing")]
    public void TryParse_FromText_ReportsTheReferenceHoweverItIsWritten(string path)
    {
        var json = Machine("""{ "known": 1 }""", $$"""{ "Type": "Pass", "Parameters": { "a.$": "{{path}}" }, "End": true }""");

        StateMachine.TryParse(json, out var machine, out _).Should().BeTrue();
        machine!.Warnings.Select(d => d.Location).Should().Equal("/States/S/Parameters/a.$");
        DefinitionValidator.Validate(json).Where(d => d.Severity == DiagnosticSeverity.Warning).Select(d => d.Location)
            .Should().Equal("/States/S/Parameters/a.$");
    }

    [Fact]
    public void Validate_UnassignedReference_IsNotAnErrorAndIsDroppedWithMinimumSeverityError()
    {
        var json = Machine("""{ "known": 1 }""", """{ "Type": "Pass", "InputPath": "$missing", "End": true }""");

        Validate(json).Where(d => d.Severity == DiagnosticSeverity.Error).Should().BeEmpty();
        DefinitionValidator.Validate(JsonValue.Parse(json), new ValidationOptions { MinimumSeverity = DiagnosticSeverity.Error })
            .Should().BeEmpty();
    }

    [Fact]
    public void Validate_NameAssignedInAnotherScope_CountsAsAssigned()
    {
        const string json = """
            { "StartAt": "P", "States": {
                "P": { "Type": "Parallel", "End": true, "Branches": [
                    { "StartAt": "B1", "States": { "B1": { "Type": "Pass", "Parameters": { "a.$": "$fromMap" }, "End": true } } },
                    { "StartAt": "M", "States": { "M": { "Type": "Map", "End": true, "ItemProcessor": {
                        "StartAt": "I", "States": { "I": { "Type": "Pass", "Assign": { "fromMap": 1 }, "End": true } } } } } } ] } } }
            """;

        VariableDiagnostics(json).Should().BeEmpty();
    }

    [Fact]
    public void Validate_UnassignedReferenceInsideMapProcessor_ReportsNestedPointer()
    {
        const string json = """
            { "QueryLanguage": "JSONata", "StartAt": "M", "States": {
                "M": { "Type": "Map", "End": true, "Items": "{% $states.input %}", "ItemProcessor": {
                    "StartAt": "I", "States": { "I": { "Type": "Pass", "Output": "{% $nope %}", "End": true } } } } } }
            """;

        VariableDiagnostics(json).Should().Equal($"Warning {Schema} /States/M/ItemProcessor/States/I/Output");
    }
}
