using StepFlow.Parsing;
using static StepFlow.Tests.Parsing.ValidationTestHelpers;

namespace StepFlow.Tests.Integrations.Http;

/// <summary>The HTTP Task problems AWS rejects when the state machine is created, reported by the validator.</summary>
public sealed class HttpTaskValidationTests
{
    private const string Arn = "arn:aws:events:us-east-1:123456789012:connection/api/0d5b6e2a";

    private static string Task(string parameters) =>
        Single($"{{ 'Type': 'Task', 'Resource': 'arn:aws:states:::http:invoke', 'Parameters': {{ {parameters} }}, 'End': true }}");

    [Fact]
    public void StaticFields_WhenValid_AreAccepted() =>
        ShouldBeValid(Task($"'ApiEndpoint': 'https://api.example.com/v1', 'Method': 'POST', 'Authentication': {{ 'ConnectionArn': '{Arn}' }}, " +
                           "'Transform': { 'RequestBodyEncoding': 'URL_ENCODED', 'RequestEncodingOptions': { 'ArrayFormat': 'COMMAS' } }"));

    [Fact]
    public void PathFields_AreLeftToRunTime() =>
        ShouldBeValid(Task("'ApiEndpoint.$': '$.url', 'Method.$': '$.method', 'InvocationConfig': { 'ConnectionArn.$': '$.arn' }"));

    [Theory]
    [InlineData("ApiEndpoint", "'Method': 'GET', 'Authentication': { 'ConnectionArn': 'ARN' }")]
    [InlineData("Method", "'ApiEndpoint': 'https://a.example/x', 'Authentication': { 'ConnectionArn': 'ARN' }")]
    public void MissingRequiredField_IsReportedAtParameters(string field, string parameters)
    {
        var diagnostics = Validate(Task(parameters.Replace("ARN", Arn, StringComparison.Ordinal)));

        diagnostics.Errors().Should().Contain($"{DiagnosticCodes.SchemaValidationFailed} /States/S/Parameters");
        diagnostics.Should().Contain(d => d.Message.Contains($"'{field}' is required", StringComparison.Ordinal));
    }

    [Fact]
    public void MissingConnection_IsReported()
    {
        var diagnostics = Validate(Task("'ApiEndpoint': 'https://a.example/x', 'Method': 'GET'"));

        diagnostics.Should().ContainSingle(d => d.Severity == DiagnosticSeverity.Error).Which.Message.Should().Contain("'Authentication'");
    }

    [Fact]
    public void BothAuthenticationAndInvocationConfig_AreReported() =>
        Validate(Task($"'ApiEndpoint': 'https://a.example/x', 'Method': 'GET', 'Authentication': {{ 'ConnectionArn': '{Arn}' }}, 'InvocationConfig': {{ 'ConnectionArn': '{Arn}' }}"))
            .Should().ContainSingle(d => d.Severity == DiagnosticSeverity.Error).Which.Message.Should().Contain("not both");

    [Fact]
    public void MissingParameters_IsReported() =>
        ShouldReport(Single("{ 'Type': 'Task', 'Resource': 'arn:aws:states:::http:invoke', 'End': true }"), DiagnosticCodes.SchemaValidationFailed, "/States/S");

    [Theory]
    [InlineData("'ApiEndpoint': 'ftp://a.example/x', 'Method': 'GET', 'Authentication': { 'ConnectionArn': 'ARN' }", "/States/S/Parameters/ApiEndpoint")]
    [InlineData("'ApiEndpoint': 'not a url', 'Method': 'GET', 'Authentication': { 'ConnectionArn': 'ARN' }", "/States/S/Parameters/ApiEndpoint")]
    [InlineData("'ApiEndpoint': 'https://a.example/x', 'Method': 'get', 'Authentication': { 'ConnectionArn': 'ARN' }", "/States/S/Parameters/Method")]
    [InlineData("'ApiEndpoint': 'https://a.example/x', 'Method': 'GET', 'Authentication': { 'ConnectionArn': '${ApiConnectionArn}' }", "/States/S/Parameters/Authentication/ConnectionArn")]
    [InlineData("'ApiEndpoint': 'https://a.example/x', 'Method': 'GET', 'Authentication': { }", "/States/S/Parameters/Authentication")]
    [InlineData("'ApiEndpoint': 'https://a.example/x', 'Method': 'GET', 'Authentication': { 'ConnectionArn': 'ARN' }, 'Transform': { 'RequestBodyEncoding': 'FORM' }", "/States/S/Parameters/Transform/RequestBodyEncoding")]
    [InlineData("'ApiEndpoint': 'https://a.example/x', 'Method': 'GET', 'Authentication': { 'ConnectionArn': 'ARN' }, 'Transform': { 'RequestEncodingOptions': { 'ArrayFormat': 'JSON' } }", "/States/S/Parameters/Transform/RequestEncodingOptions/ArrayFormat")]
    public void InvalidStaticValue_IsReportedAtTheField(string parameters, string location) =>
        ShouldReport(Task(parameters.Replace("'ARN'", $"'{Arn}'", StringComparison.Ordinal)), DiagnosticCodes.SchemaValidationFailed, location);

    [Fact]
    public void JsonataArguments_AreCheckedAndExpressionsAccepted()
    {
        var valid = Single($"{{ 'Type': 'Task', 'QueryLanguage': 'JSONata', 'Resource': 'arn:aws:states:::http:invoke', " +
                           $"'Arguments': {{ 'ApiEndpoint': '{{% $states.input.url %}}', 'Method': 'GET', 'Authentication': {{ 'ConnectionArn': '{Arn}' }} }}, 'End': true }}");
        var missing = Single("{ 'Type': 'Task', 'QueryLanguage': 'JSONata', 'Resource': 'arn:aws:states:::http:invoke', " +
                             "'Arguments': { 'ApiEndpoint': 'https://a.example', 'Authentication': { 'ConnectionArn': '{% $arn %}' } }, 'End': true }");

        ShouldBeValid(valid);
        ShouldReport(missing, DiagnosticCodes.SchemaValidationFailed, "/States/S/Arguments");
    }

    [Fact]
    public void OtherResources_AreNotChecked() =>
        ShouldBeValid(Single("{ 'Type': 'Task', 'Resource': 'arn:aws:states:::lambda:invoke', 'Parameters': { 'FunctionName': 'f' }, 'End': true }"));
}
