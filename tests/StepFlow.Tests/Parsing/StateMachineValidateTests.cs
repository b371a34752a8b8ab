using StepFlow.Parsing;
using StepFlow.Parsing.Validation;

namespace StepFlow.Tests.Parsing;

/// <summary>
/// <see cref="StateMachine.Validate(string, ValidationOptions?)"/> is the one public way to validate: the checks of
/// <see cref="StateMachine.TryParse(string, ValidationOptions?, out StateMachine?, out System.Collections.Immutable.ImmutableArray{Diagnostic})"/>,
/// with the same options.
/// </summary>
public sealed class StateMachineValidateTests
{
    private const string SyncTask =
        """{"StartAt":"Job","States":{"Job":{"Type":"Task","Resource":"arn:aws:states:::states:startExecution.sync","End":true}}}""";

    [Fact]
    public void Validate_ExpressOption_ReportsWhatExpressCannotRun()
    {
        StateMachine.Validate(SyncTask).Should().BeEmpty();

        StateMachine.Validate(SyncTask, new ValidationOptions { StateMachineType = StateMachineType.Express })
            .Should().ContainSingle().Which.Should().Match<Diagnostic>(d =>
                d.Severity == DiagnosticSeverity.Error && d.Code == DiagnosticCodes.SchemaValidationFailed && d.Location == "/States/Job/Resource");
    }

    [Fact]
    public void Validate_AllowedResources_ReportsAResourceOutsideTheList()
    {
        var diagnostics = StateMachine.Validate(SyncTask, new ValidationOptions { AllowedResources = ["arn:aws:lambda:*"] });

        diagnostics.Should().ContainSingle().Which.Code.Should().Be(DiagnosticCodes.ResourceNotAllowed);
    }

    [Fact]
    public void Validate_MinimumSeverityError_DropsWarnings()
    {
        const string causeLikePath = """{"StartAt":"A","States":{"A":{"Type":"Fail","Cause":"$.cause"}}}""";

        StateMachine.Validate(causeLikePath).Should().ContainSingle().Which.Should().Match<Diagnostic>(d =>
            d.Severity == DiagnosticSeverity.Warning && d.Code == DiagnosticCodes.NoPath && d.Location == "/States/A/Cause");
        StateMachine.Validate(causeLikePath, new ValidationOptions { MinimumSeverity = DiagnosticSeverity.Error }).Should().BeEmpty();
    }

    [Fact]
    public void Validate_BadPathSyntax_IsReportedAsTheParseReportsIt()
    {
        // The model builder's checks (JSONPath syntax here) are part of validation, so a definition that validates
        // clean also parses.
        const string badPath = """{"StartAt":"A","States":{"A":{"Type":"Pass","InputPath":"$.a[","End":true}}}""";

        StateMachine.TryParse(badPath, out _, out var parseDiagnostics).Should().BeFalse();
        StateMachine.Validate(badPath).Should().Equal(parseDiagnostics);
    }
}
