using System.Collections.Immutable;
using StepFlow.Definition;
using StepFlow.Parsing;
using static StepFlow.Tests.Parsing.ValidationTestHelpers;

namespace StepFlow.Tests.Parsing;

/// <summary>
/// Malformed paths, intrinsic calls that do not compile and ResultPaths that are not Reference Paths: AWS reports them
/// all as SCHEMA_VALIDATION_FAILED, at the field (a <c>.$</c> value: at the template object holding the key), with its
/// own wording first. StepFlow's reason follows it in the message.
/// </summary>
public sealed class PathDiagnosticParityTests
{
    [Theory]
    [InlineData("'InputPath':'$['", "/States/S/InputPath", "Value must be a valid JSONPath.")]
    [InlineData("'OutputPath':'$.a[?'", "/States/S/OutputPath", "Value must be a valid JSONPath.")]
    [InlineData("'OutputPath':'nope'", "/States/S/OutputPath", "Value must be a valid JSONPath.")]
    [InlineData("'ResultPath':'$.a..'", "/States/S/ResultPath", "Value is not a Reference Path:")]
    [InlineData("'Parameters':{'a.$':'$.x[?('}", "/States/S/Parameters", "The value for the field 'a.$' must be a valid JSONPath or a valid intrinsic function call:")]
    [InlineData("'Parameters':{'n':{'a.$':'$..['}}", "/States/S/Parameters/n", "The value for the field 'a.$' must be a valid JSONPath or a valid intrinsic function call:")]
    [InlineData("'Parameters':{'a.$':'nope'}", "/States/S/Parameters", "The value for the field 'a.$' must be a valid JSONPath or a valid intrinsic function call:")]
    [InlineData("'Parameters':{'a.$':5}", "/States/S/Parameters", "The value for the field 'a.$' must be a valid JSONPath or a valid intrinsic function call:")]
    [InlineData("'Assign':{'v.$':'Test'}", "/States/S/Assign", "The value for the field 'v.$' must be a valid JSONPath or a valid intrinsic function call:")]
    public void Parse_MalformedPassPath_ReportsSchemaValidationFailed(string fields, string location, string message) =>
        ShouldFailWith(Single($"{{'Type':'Pass',{fields},'End':true}}"), location, message);

    [Theory]
    [InlineData("'States.Nope($.a)'", "unknown")]
    [InlineData("'States.ArrayPartition($.a)'", "States.ArrayPartition takes")]
    [InlineData("'States.StringToJson($.a, $.b)'", "States.StringToJson takes")]
    [InlineData("'States.UUID(1)'", "States.UUID takes")]
    [InlineData("'States.Format(\\u0027{}\\u0027, $[)'", "Invalid intrinsic function call")]
    [InlineData("'States.Array($.a'", "Invalid intrinsic function call")]
    public void Parse_BadIntrinsicInParameters_ReportsSchemaValidationFailedAtTheTemplate(string call, string detail)
    {
        var diagnostics = ShouldFailWith(
            Single($"{{'Type':'Pass','Parameters':{{'k':1,'x.$':{call}}},'End':true}}"),
            "/States/S/Parameters",
            "The value for the field 'x.$' must be a valid JSONPath or a valid intrinsic function call:");

        diagnostics.Single().Message.Should().Contain(detail);
    }

    [Fact]
    public void Parse_BadIntrinsicInCausePath_ReportsTheField() =>
        ShouldFailWith(Single("{'Type':'Fail','CausePath':'States.Format()'}"), "/States/S/CausePath", "The value for the field 'CausePath' must be a valid");

    [Theory]
    [InlineData("'$.a[*]'")]
    [InlineData("'$.a[?(@.b == 1)]'")]
    [InlineData("'$..a'")]
    [InlineData("'$.a[0:2]'")]
    [InlineData("'$.a[0,1]'")]
    [InlineData("'$.a.*'")]
    public void Parse_ResultPathThatIsNotAReferencePath_ReportsSchemaValidationFailed(string resultPath)
    {
        var diagnostics = ShouldFailWith(Single($"{{'Type':'Pass','ResultPath':{resultPath},'End':true}}"), "/States/S/ResultPath", "Value is not a Reference Path:");

        diagnostics.Single().Message.Should().Contain("no wildcards, filters, slices, unions or deep scan");
    }

    [Theory]
    [InlineData("'$$.Execution.Id'")]
    [InlineData("'$var'")]
    public void Parse_ResultPathOutsideTheInput_ReportsSchemaValidationFailed(string resultPath) =>
        ShouldFailWith(
            $"{{'StartAt':'S','States':{{'S':{{'Type':'Pass','Assign':{{'var':1}},'Next':'T'}},'T':{{'Type':'Pass','ResultPath':{resultPath},'End':true}}}}}}",
            "/States/T/ResultPath",
            "Value is not a Reference Path:");

    [Fact]
    public void Parse_CatcherResultPathWithAWildcard_ReportsTheCatcher() =>
        ShouldFailWith(
            """
            {'StartAt':'T','States':{'T':{'Type':'Task','Resource':'arn:aws:states:::lambda:invoke','End':true,
              'Catch':[{'ErrorEquals':['States.ALL'],'ResultPath':'$.errors[*]','Next':'F'}]},'F':{'Type':'Fail'}}}
            """,
            "/States/T/Catch/0/ResultPath",
            "Value is not a Reference Path:");

    [Theory]
    [InlineData("{'Type':'Wait','SecondsPath':'$.a[','End':true}", "/States/S/SecondsPath")]
    [InlineData("{'Type':'Wait','TimestampPath':'$..','End':true}", "/States/S/TimestampPath")]
    [InlineData("{'Type':'Map','ItemsPath':'$.a[','End':true,'ItemProcessor':{'StartAt':'X','States':{'X':{'Type':'Succeed'}}}}", "/States/S/ItemsPath")]
    [InlineData("{'Type':'Task','Resource':'arn:aws:states:::lambda:invoke','TimeoutSecondsPath':'$.t[?','End':true}", "/States/S/TimeoutSecondsPath")]
    public void Parse_MalformedReferencePath_ReportsSchemaValidationFailedAtTheField(string state, string location) =>
        ShouldFailWith(Single(state), location, "Value is not a Reference Path:");

    [Theory]
    [InlineData("'Variable':'$.a[','IsNull':true", "/States/C/Choices/0/Variable")]
    [InlineData("'Variable':'Test','IsNull':true", "/States/C/Choices/0/Variable")]
    [InlineData("'Variable':'$.a','StringEqualsPath':'$.b['", "/States/C/Choices/0/StringEqualsPath")]
    [InlineData("'Variable':'$.a','StringEqualsPath':'b'", "/States/C/Choices/0/StringEqualsPath")]
    public void Parse_MalformedChoicePath_ReportsSchemaValidationFailedAtTheField(string rule, string location) =>
        ShouldFailWith(
            $"{{'StartAt':'C','States':{{'C':{{'Type':'Choice','Default':'E','Choices':[{{{rule},'Next':'E'}}]}},'E':{{'Type':'Succeed'}}}}}}",
            location,
            "Value is not a Reference Path:");

    [Fact]
    public void Parse_TwoBadTemplateValues_ReportsBothAtTheirTemplateObjects()
    {
        StateMachine.TryParse(J(Single("{'Type':'Pass','End':true,'Parameters':{'a.$':'$[','deep':{'b.$':'States.Nope()'}}}")), out _, out var diagnostics)
            .Should().BeFalse();

        diagnostics.Errors().Should().Equal(
            $"{DiagnosticCodes.SchemaValidationFailed} /States/S/Parameters",
            $"{DiagnosticCodes.SchemaValidationFailed} /States/S/Parameters/deep");
        diagnostics.Select(d => d.Message).Should().Satisfy(
            m => m.Contains("'a.$'", StringComparison.Ordinal),
            m => m.Contains("'b.$'", StringComparison.Ordinal));
    }

    /// <summary>Parses <paramref name="json"/>, expecting exactly one error: AWS's code at <paramref name="location"/>, the message starting with AWS's words.</summary>
    private static ImmutableArray<Diagnostic> ShouldFailWith(string json, string location, string messageStart)
    {
        StateMachine.TryParse(J(json), out var machine, out var diagnostics).Should().BeFalse();
        machine.Should().BeNull();
        var errors = diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToImmutableArray();
        errors.Select(d => $"{d.Code} {d.Location}").Should().Equal($"{DiagnosticCodes.SchemaValidationFailed} {location}");
        errors[0].Message.Should().StartWith(messageStart);
        return errors;
    }
}
