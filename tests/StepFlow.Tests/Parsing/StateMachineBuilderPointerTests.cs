using StepFlow.Definition;
using StepFlow.Json;
using StepFlow.Parsing;
using static StepFlow.Tests.Parsing.ValidationTestHelpers;

namespace StepFlow.Tests.Parsing;

/// <summary>The builder writes JSON Pointers only for diagnostics; these pin the pointers it writes.</summary>
public sealed class StateMachineBuilderPointerTests
{
    private static List<string> BuildErrors(string json)
    {
        var found = new List<Diagnostic>();
        new StateMachineBuilder(found).BuildGraph((JsonObject)JsonValue.Parse(J(json)), string.Empty, QueryLanguage.JsonPath);
        return found.Select(d => $"{d.Code} {d.Location}").ToList();
    }

    [Fact]
    public void Build_BadPathsAndIntrinsics_ReportAwsCodeAtTheFieldOrTemplateObject()
    {
        var errors = BuildErrors("""
            {'StartAt':'a/b','States':{'a/b':{'Type':'Pass','InputPath':'nope','ResultPath':'$$.x','End':true,
              'Parameters':{'ok.$':'$.v','again.$':'$.v','bad~.$':'States.Nope(','deep':{'x.$':'$[','list':[{'y.$':'bad'}]}}}}}
            """);

        // AWS reports a bad '.$' value at the template object that holds the key (the message names the key).
        errors.Should().Equal(
            $"{DiagnosticCodes.SchemaValidationFailed} /States/a~1b/InputPath",
            $"{DiagnosticCodes.SchemaValidationFailed} /States/a~1b/Parameters",
            $"{DiagnosticCodes.SchemaValidationFailed} /States/a~1b/Parameters/deep",
            $"{DiagnosticCodes.SchemaValidationFailed} /States/a~1b/Parameters/deep/list/0",
            $"{DiagnosticCodes.SchemaValidationFailed} /States/a~1b/ResultPath");
    }

    [Fact]
    public void Build_ChoiceRuleProblems_ReportVariableAndOperandPointers()
    {
        var errors = BuildErrors("""
            {'StartAt':'C','States':{'C':{'Type':'Choice','Default':'C','Choices':[
              {'Variable':'x','StringEquals':'a','Next':'C'},
              {'Variable':'$.a','NumericEqualsPath':'y','Next':'C'},
              {'Variable':'$.a','NumericEquals':'one','Next':'C'}]}}}
            """);

        errors.Should().Equal(
            $"{DiagnosticCodes.SchemaValidationFailed} /States/C/Choices/0/Variable",
            $"{DiagnosticCodes.SchemaValidationFailed} /States/C/Choices/1/NumericEqualsPath",
            $"{DiagnosticCodes.SchemaValidationFailed} /States/C/Choices/2/NumericEquals");
    }

    [Fact]
    public void Build_TemplateDeeperThanTheLimit_ReportsTheTooDeepLiteral()
    {
        var template = "{'x.$':'$.v','v':1}";
        for (var i = 0; i < 200; i++)
        {
            template = $"{{'n':{template}}}";
        }

        var errors = BuildErrors($"{{'StartAt':'P','States':{{'P':{{'Type':'Pass','End':true,'Parameters':{template}}}}}}}");

        errors.Should().Equal($"{DiagnosticCodes.SchemaValidationFailed} /States/P/Parameters{string.Concat(Enumerable.Repeat("/n", 200))}/v");
    }

    [Fact]
    public void Build_NestedChoiceRulesAndCatchers_ReportFullPointers()
    {
        var errors = BuildErrors("""
            {'StartAt':'C','States':{'C':{'Type':'Choice','Default':'T','Choices':[
              {'Not':{'And':[{'Variable':'$.a','IsPresent':true},{'Or':[{'Variable':'bad','IsNull':true}]}]},'Next':'T'}]},
             'T':{'Type':'Task','Resource':'arn:aws:lambda:us-east-1:1:function:f','End':true,
              'Catch':[{'ErrorEquals':['States.ALL'],'Next':'T'},{'ErrorEquals':['States.ALL'],'Next':'Nowhere'}]}}}
            """);

        errors.Should().Equal(
            $"{DiagnosticCodes.SchemaValidationFailed} /States/C/Choices/0/Not/And/1/Or/0/Variable",
            $"{DiagnosticCodes.MissingTransitionTarget} /States/T/Catch/1/Next");
    }

    [Fact]
    public void Pointer_OfStatesCatchersAndBranchStates_IsTheirPlaceInTheDefinition()
    {
        var machine = StateMachine.Parse(J("""
            {'StartAt':'a/b','States':{'a/b':{'Type':'Parallel','End':true,
              'Branches':[{'StartAt':'X','States':{'X':{'Type':'Pass','End':true}}}],
              'Catch':[{'ErrorEquals':['States.ALL'],'Next':'F'}]},'F':{'Type':'Fail'}}}
            """));

        var parallel = (StepFlow.Definition.States.ParallelState)machine.Graph.States["a/b"];
        parallel.Pointer.Should().Be("/States/a~1b");
        parallel.Catch[0].Pointer.Should().Be("/States/a~1b/Catch/0");
        parallel.Branches[0].Pointer.Should().Be("/States/a~1b/Branches/0");
        parallel.Branches[0].States["X"].Pointer.Should().Be("/States/a~1b/Branches/0/States/X");
    }

    [Fact]
    public void Build_RepeatedPaths_ShareOneCompiledPath()
    {
        var machine = StateMachine.Parse(J("""
            {'StartAt':'A','States':{'A':{'Type':'Pass','InputPath':'$.v','OutputPath':'$.v','End':true}}}
            """));

        machine.Graph.States["A"].Should().NotBeNull();
    }
}
