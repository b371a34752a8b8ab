using StepFlow.Definition;
using StepFlow.Parsing;
using StepFlow.Parsing.Validation;

namespace StepFlow.Tests.Parsing;

/// <summary>The resource allow-list checked when a definition is validated (least privilege up front).</summary>
public sealed class AllowedResourcesValidationTests
{
    private const string Definition = """
        {"StartAt":"Charge","States":{
          "Charge":{"Type":"Task","Resource":"arn:aws:lambda:us-east-1:123456789012:function:charge","Next":"P"},
          "P":{"Type":"Parallel","Next":"M","Branches":[
            {"StartAt":"Notify","States":{"Notify":{"Type":"Task","Resource":"arn:aws:states:::sns:publish","End":true}}}]},
          "M":{"Type":"Map","ItemsPath":"$.items","End":true,"ItemProcessor":{"StartAt":"Ship","States":{
            "Ship":{"Type":"Task","Resource":"arn:aws:states:::sqs:sendMessage.waitForTaskToken","End":true}}}}}}
        """;

    private static string[] NotAllowed(params string[] allowed) =>
        [.. DefinitionValidator.Validate(Definition, new ValidationOptions { AllowedResources = allowed })
            .Where(d => d.Code == DiagnosticCodes.ResourceNotAllowed)
            .Select(d => d.Location)];

    [Fact]
    public void Validate_EmptyAllowList_ReportsEveryTaskResourceWithItsPointer()
    {
        NotAllowed().Should().BeEquivalentTo(
            "/States/Charge/Resource",
            "/States/P/Branches/0/States/Notify/Resource",
            "/States/M/ItemProcessor/States/Ship/Resource");
    }

    [Fact]
    public void Validate_ExactAndGlobEntries_AllowTheirResources()
    {
        NotAllowed("arn:aws:lambda:*:*:function:charge", "arn:aws:states:::sqs:*").Should().Equal("/States/P/Branches/0/States/Notify/Resource");
    }

    [Fact]
    public void Validate_PatternIsMatchedWithItsSuffix()
    {
        NotAllowed("arn:aws:lambda:*", "arn:aws:states:::sns:publish", "arn:aws:states:::sqs:sendMessage")
            .Should().Equal("/States/M/ItemProcessor/States/Ship/Resource");
    }

    [Fact]
    public void Validate_NoAllowList_ChecksNothing()
    {
        DefinitionValidator.Validate(Definition).Should().NotContain(d => d.Code == DiagnosticCodes.ResourceNotAllowed);
    }

    [Fact]
    public void Parse_WithAllowList_ThrowsWithAnErrorAtTheResource()
    {
        var parse = () => StateMachine.Parse(Definition, new ValidationOptions { AllowedResources = ["arn:aws:lambda:*", "arn:aws:states:::sqs:*"] });

        var diagnostic = parse.Should().Throw<InvalidDefinitionException>().Which.Diagnostics.Should().ContainSingle().Which;
        diagnostic.Severity.Should().Be(DiagnosticSeverity.Error);
        diagnostic.Code.Should().Be(DiagnosticCodes.ResourceNotAllowed);
        diagnostic.Location.Should().Be("/States/P/Branches/0/States/Notify/Resource");
        diagnostic.Message.Should().Contain("arn:aws:states:::sns:publish").And.Contain("States.Permissions");
    }

    [Fact]
    public void TryParse_EveryResourceAllowed_BuildsTheMachine()
    {
        var ok = StateMachine.TryParse(Definition, new ValidationOptions { AllowedResources = ["arn:aws:*"] }, out var machine, out var diagnostics);

        ok.Should().BeTrue();
        machine.Should().NotBeNull();
        diagnostics.Should().NotContain(d => d.Severity == DiagnosticSeverity.Error);
    }
}
