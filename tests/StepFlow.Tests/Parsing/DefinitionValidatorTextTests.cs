using StepFlow.Parsing;
using StepFlow.Parsing.Validation;

namespace StepFlow.Tests.Parsing;

public sealed class DefinitionValidatorTextTests
{
    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void Validate_NullOrEmptyText_ReportsMissingDescription(string? text)
    {
        var diagnostics = DefinitionValidator.Validate(text!);

        diagnostics.Should().ContainSingle().Which.Code.Should().Be(DiagnosticCodes.MissingDescription);
    }

    [Fact]
    public void Validate_BrokenJson_ReportsInvalidJsonWithLineAndPosition()
    {
        var diagnostic = DefinitionValidator.Validate("{\n  \"StartAt\": \"A\",\n  \"States\": {\n    \"A\": {\"Type\": \"Pass\" \"End\": true}\n  }\n}")
            .Should().ContainSingle().Subject;

        diagnostic.Code.Should().Be(DiagnosticCodes.InvalidJsonDescription);
        diagnostic.Severity.Should().Be(DiagnosticSeverity.Error);
        diagnostic.Line.Should().Be(4);
        diagnostic.Position.Should().BeGreaterThan(1);
    }

    [Fact]
    public void Validate_TextOverSizeLimit_ReportsSchemaValidationFailed()
    {
        var valid = "{\"StartAt\":\"A\",\"States\":{\"A\":{\"Type\":\"Succeed\"}}}";
        var padded = valid[..^1] + new string(' ', 1_048_577 - valid.Length) + "}";

        DefinitionValidator.Validate(valid).Should().BeEmpty();
        padded.Length.Should().Be(1_048_577);
        DefinitionValidator.Validate(padded).Should().ContainSingle().Which.Code.Should().Be(DiagnosticCodes.SchemaValidationFailed);
        DefinitionValidator.Validate(padded, new ValidationOptions { MaxDefinitionLength = 2_000_000 }).Should().BeEmpty();
    }

    [Fact]
    public void Validate_ValidText_MatchesParsedValidation() =>
        DefinitionValidator.Validate("{\"StartAt\":\"A\",\"States\":{\"A\":{\"Type\":\"Pass\",\"Next\":\"B\"}}}")
            .Select(d => $"{d.Code} {d.Location}")
            .Should().Equal($"{DiagnosticCodes.MissingTransitionTarget} /States/A/Next", $"{DiagnosticCodes.MissingEndState} ");
}
