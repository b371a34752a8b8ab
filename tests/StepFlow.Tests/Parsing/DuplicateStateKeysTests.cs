using StepFlow.Definition;
using StepFlow.Parsing;
using StepFlow.Parsing.Validation;
using static StepFlow.Tests.Parsing.ValidationTestHelpers;

namespace StepFlow.Tests.Parsing;

public sealed class DuplicateStateKeysTests
{
    private const string Duplicate = DiagnosticCodes.DuplicateStateName;

    [Fact]
    public void Validate_KeyRepeatedThreeTimes_ReportsEachRepeat() =>
        DefinitionValidator.Validate(J("{'StartAt':'A','States':{'A':{'Type':'Succeed'},'A':{'Type':'Succeed'},'A':{'Type':'Succeed'}}}"))
            .Errors().Should().Equal($"{Duplicate} /States/A", $"{Duplicate} /States/A");

    [Fact]
    public void Validate_RepeatInBranchAndProcessor_ReportsTheirPointers()
    {
        var json = J("""
            {'StartAt':'P','States':{'P':{'Type':'Parallel','Next':'M','Branches':[
              {'StartAt':'X','States':{'X':{'Type':'Succeed'}}},
              {'StartAt':'Y','States':{'Y':{'Type':'Succeed'},'Y':{'Type':'Succeed'}}}]},
             'M':{'Type':'Map','End':true,'ItemProcessor':{'StartAt':'Z','States':{'Z':{'Type':'Succeed'},'Z':{'Type':'Succeed'}}}},
             'I':{'Type':'Map','End':true,'Iterator':{'StartAt':'W','States':{'a/b~':{'Type':'Succeed'},'a/b~':{'Type':'Succeed'}}}}}}
            """);

        DefinitionValidator.Validate(json).Select(d => $"{d.Code} {d.Location}").Where(e => e.StartsWith(Duplicate, StringComparison.Ordinal))
            .Should().Equal($"{Duplicate} /States/P/Branches/1/States/Y", $"{Duplicate} /States/M/ItemProcessor/States/Z", $"{Duplicate} /States/I/Iterator/States/a~1b~0");
    }

    [Fact]
    public void Validate_RepeatInStatesThatIsNotAMachineScope_IsNotReported() =>
        DefinitionValidator.Validate(J("{'StartAt':'A','States':{'A':{'Type':'Pass','End':true,'Parameters':{'List':[{'States':{'k':1,'k':2}}]}}}}"))
            .Errors().Should().BeEmpty();

    [Fact]
    public void TryParse_RepeatedStateName_FailsWithTheSameDiagnostic()
    {
        StateMachine.TryParse(J("{'StartAt':'A','States':{'A':{'Type':'Pass','End':true},'A':{'Type':'Succeed'}}}"), out _, out var diagnostics)
            .Should().BeFalse();

        diagnostics.Errors().Should().Contain($"{Duplicate} /States/A");
    }
}
