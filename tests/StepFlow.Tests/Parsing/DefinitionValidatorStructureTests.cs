using StepFlow.Json;
using StepFlow.Parsing;
using StepFlow.Parsing.Validation;
using static StepFlow.Tests.Parsing.ValidationTestHelpers;

namespace StepFlow.Tests.Parsing;

public sealed class DefinitionValidatorStructureTests
{
    private const string Schema = DiagnosticCodes.SchemaValidationFailed;
    private const string Missing = DiagnosticCodes.MissingTransitionTarget;

    [Fact]
    public void Validate_MinimalValidMachine_ReportsNothing() =>
        Validate(Single("{'Type':'Pass','End':true}")).Should().BeEmpty();

    [Fact]
    public void Validate_DefinitionNotAnObject_ReportsSchemaAtRoot() =>
        DefinitionValidator.Validate(JsonValue.Parse("[1,2]")).Errors().Should().Equal($"{Schema} ");

    [Fact]
    public void Validate_MissingStartAtAndStates_ReportsBothAtRoot() =>
        Validate("{'Comment':'x'}").Errors().Should().Equal($"{Schema} ", $"{Schema} ");

    [Fact]
    public void Validate_UnknownTopLevelField_ReportsItsLocation() =>
        ShouldReport(Single("{'Type':'Pass','End':true}", topLevelExtra: "'Foo': 1,"), Schema, "/Foo");

    [Theory]
    [InlineData("'TimeoutSeconds': 0,", "/TimeoutSeconds")]
    [InlineData("'TimeoutSeconds': 1.5,", "/TimeoutSeconds")]
    [InlineData("'Version': 1,", "/Version")]
    [InlineData("'QueryLanguage': 'jsonata',", "/QueryLanguage")]
    [InlineData("'Comment': 3,", "/Comment")]
    public void Validate_BadTopLevelValue_ReportsField(string extra, string location) =>
        ShouldReport(Single("{'Type':'Pass','End':true}", topLevelExtra: extra), Schema, location);

    [Fact]
    public void Validate_EmptyStates_ReportsStates() =>
        ShouldReport("{'StartAt':'A','States':{}}", Schema, "/States");

    [Fact]
    public void Validate_StartAtNamesNoState_ReportsMissingTransitionTargetAtStartAt() =>
        ShouldReport("{'StartAt':'Nope','States':{'A':{'Type':'Succeed'}}}", Missing, "/StartAt");

    [Fact]
    public void Validate_NextNamesNoState_ReportsMissingTransitionTargetAtNext() =>
        ShouldReport("{'StartAt':'Charge','States':{'Charge':{'Type':'Pass','Next':'Ship'}}}", Missing, "/States/Charge/Next");

    [Fact]
    public void Validate_UnreachableState_IsAnErrorAtTheState()
    {
        var diagnostics = Validate("{'StartAt':'A','States':{'A':{'Type':'Succeed'},'Orphan':{'Type':'Pass','Next':'A'}}}");

        diagnostics.Errors().Should().Equal($"{Missing} /States/Orphan");
    }

    [Fact]
    public void Validate_StateReachedOnlyThroughCatch_IsReachable() =>
        ShouldBeValid("""
            {'StartAt':'T','States':{
              'T':{'Type':'Task','Resource':'arn:aws:states:::lambda:invoke','End':true,
                   'Catch':[{'ErrorEquals':['States.ALL'],'Next':'Handler'}]},
              'Handler':{'Type':'Fail'}}}
            """);

    [Fact]
    public void Validate_StateNamesDuplicatedAcrossBranches_ReportsTheSecond() =>
        ShouldReport("""
            {'StartAt':'P','States':{'P':{'Type':'Parallel','End':true,'Branches':[
              {'StartAt':'X','States':{'X':{'Type':'Succeed'}}},
              {'StartAt':'X','States':{'X':{'Type':'Succeed'}}}]}}}
            """, DiagnosticCodes.DuplicateStateName, "/States/P/Branches/1/States/X");

    [Fact]
    public void Validate_DuplicateKeyInStatesText_ReportsDuplicateStateName()
    {
        var json = J("{'StartAt':'A','States':{'A':{'Type':'Pass','End':true},'A':{'Type':'Succeed'}}}");

        DefinitionValidator.Validate(json).Errors().Should().Equal($"{DiagnosticCodes.DuplicateStateName} /States/A");
    }

    [Fact]
    public void Validate_DuplicateKeyInsidePayload_IsNotAStateName() =>
        DefinitionValidator.Validate(J("{'StartAt':'A','States':{'A':{'Type':'Pass','End':true,'Result':{'States':{'k':1,'k':2}}}}}"))
            .Errors().Should().BeEmpty();

    [Fact]
    public void Validate_StateNameLongerThan80_ReportsInvalidStateName()
    {
        var name = new string('n', 81);

        ShouldReport(Single("{'Type':'Succeed'}", name), DiagnosticCodes.InvalidStateName, "/States/" + name);
        ShouldBeValid(Single("{'Type':'Succeed'}", new string('n', 80)));
    }

    [Fact]
    public void Validate_EmptyOrControlCharacterStateName_ReportsInvalidStateName()
    {
        ShouldReport(Single("{'Type':'Succeed'}", ""), DiagnosticCodes.InvalidStateName, "/States/");
        ShouldReport(Single("{'Type':'Succeed'}", "a\\u0001b"), DiagnosticCodes.InvalidStateName, "/States/a\u0001b");
    }

    [Fact]
    public void Validate_StateNameWithSlash_IsEscapedInPointer() =>
        ShouldReport("{'StartAt':'a/b','States':{'a/b':{'Type':'Pass','Next':'c~d'}}}", Missing, "/States/a~1b/Next");

    [Fact]
    public void Validate_NoTerminalState_ReportsMissingEndState() =>
        ShouldReport("{'StartAt':'A','States':{'A':{'Type':'Pass','Next':'B'},'B':{'Type':'Pass','Next':'A'}}}",
            DiagnosticCodes.MissingEndState, "");

    [Fact]
    public void Validate_BranchWithoutTerminalState_ReportsMissingEndStateAtBranch() =>
        ShouldReport("""
            {'StartAt':'P','States':{'P':{'Type':'Parallel','End':true,'Branches':[
              {'StartAt':'X','States':{'X':{'Type':'Wait','Seconds':1,'Next':'X'}}}]}}}
            """, DiagnosticCodes.MissingEndState, "/States/P/Branches/0");

    [Fact]
    public void Validate_TransitionOutOfBranch_ReportsMissingTarget() =>
        ShouldReport("""
            {'StartAt':'P','States':{
              'P':{'Type':'Parallel','Next':'After','Branches':[
                {'StartAt':'X','States':{'X':{'Type':'Pass','Next':'After'}}}]},
              'After':{'Type':'Succeed'}}}
            """, Missing, "/States/P/Branches/0/States/X/Next");

    [Fact]
    public void Validate_TransitionOutOfMapProcessor_ReportsMissingTarget() =>
        ShouldReport("""
            {'StartAt':'M','States':{
              'M':{'Type':'Map','End':true,'ItemProcessor':{'StartAt':'X','States':{'X':{'Type':'Pass','Next':'M'}}}}}}
            """, Missing, "/States/M/ItemProcessor/States/X/Next");

    [Fact]
    public void Validate_BranchStartAtMissing_ReportsAtBranchStartAt() =>
        ShouldReport("""
            {'StartAt':'P','States':{'P':{'Type':'Parallel','End':true,'Branches':[
              {'StartAt':'Q','States':{'X':{'Type':'Succeed'}}}]}}}
            """, Missing, "/States/P/Branches/0/StartAt");

    [Fact]
    public void Validate_NestingDeeperThanOption_ReportsTooDeeplyNested()
    {
        const string json = """
            {'StartAt':'P','States':{'P':{'Type':'Parallel','End':true,'Branches':[
              {'StartAt':'Q','States':{'Q':{'Type':'Parallel','End':true,'Branches':[
                {'StartAt':'R','States':{'R':{'Type':'Succeed'}}}]}}}]}}}
            """;

        ShouldBeValid(json, new ValidationOptions { MaxNestingDepth = 2 });
        Validate(json, new ValidationOptions { MaxNestingDepth = 1 }).Errors()
            .Should().Equal($"{DiagnosticCodes.TooDeeplyNested} /States/P/Branches/0/States/Q/Branches");
    }

    [Fact]
    public void Validate_ManyProblems_ReportsAllAtOnce()
    {
        var diagnostics = Validate("""
            {'StartAt':'A','Bogus':true,'States':{
              'A':{'Type':'Pass','Next':'Nowhere'},
              'B':{'Type':'Task','End':true},
              'C':{'Type':'Chioce'}}}
            """);

        diagnostics.Errors().Should().Contain([
            $"{Schema} /Bogus",
            $"{Missing} /States/A/Next",
            $"{Schema} /States/B",
            $"{Schema} /States/C/Type",
            $"{Missing} /States/B",
        ]);
    }

    [Fact]
    public void Validate_StateNotAnObject_ReportsAtState() =>
        ShouldReport("{'StartAt':'A','States':{'A':[1]}}", Schema, "/States/A");

    [Fact]
    public void Validate_MissingType_ReportsAtState() =>
        ShouldReport(Single("{'End':true}"), Schema, "/States/S");

    [Theory]
    [InlineData("pass")]
    [InlineData("Activity")]
    public void Validate_UnknownType_ReportsAtType(string type) =>
        ShouldReport(Single($"{{'Type':'{type}','End':true}}"), Schema, "/States/S/Type");

    [Theory]
    [InlineData("{'Type':'Task','Resource':'arn:aws:lambda:us-east-1:1:function:f','Result':1,'End':true}", "/States/S/Result")]
    [InlineData("{'Type':'Pass','Resource':'arn:aws:lambda:us-east-1:1:function:f','End':true}", "/States/S/Resource")]
    [InlineData("{'Type':'Succeed','Assign':{'a':1}}", "/States/S/Assign")]
    [InlineData("{'Type':'Fail','InputPath':'$'}", "/States/S/InputPath")]
    [InlineData("{'Type':'Fail','Next':'S'}", "/States/S/Next")]
    [InlineData("{'Type':'Succeed','End':true}", "/States/S/End")]
    [InlineData("{'Type':'Pass','ResultSelector':{},'End':true}", "/States/S/ResultSelector")]
    [InlineData("{'Type':'Wait','Seconds':1,'Retry':[],'End':true}", "/States/S/Retry")]
    public void Validate_FieldNotAllowedForType_ReportsField(string state, string location) =>
        ShouldReport(Single(state), Schema, location);

    [Theory]
    [InlineData("{'Type':'Pass','QueryLanguage':'JSONata','Parameters':{},'End':true}", "/States/S/Parameters")]
    [InlineData("{'Type':'Pass','QueryLanguage':'JSONata','InputPath':'$','End':true}", "/States/S/InputPath")]
    [InlineData("{'Type':'Pass','QueryLanguage':'JSONata','Result':{},'End':true}", "/States/S/Result")]
    [InlineData("{'Type':'Wait','QueryLanguage':'JSONata','SecondsPath':'$.s','End':true}", "/States/S/SecondsPath")]
    [InlineData("{'Type':'Map','QueryLanguage':'JSONata','ItemsPath':'$.x','ItemProcessor':{'StartAt':'I','States':{'I':{'Type':'Succeed'}}},'End':true}", "/States/S/ItemsPath")]
    [InlineData("{'Type':'Pass','Output':{},'End':true}", "/States/S/Output")]
    [InlineData("{'Type':'Task','Resource':'arn:aws:states:::lambda:invoke','Arguments':{},'End':true}", "/States/S/Arguments")]
    [InlineData("{'Type':'Map','Items':[1],'ItemProcessor':{'StartAt':'I','States':{'I':{'Type':'Succeed'}}},'End':true}", "/States/S/Items")]
    public void Validate_FieldOfOtherQueryLanguage_ReportsField(string state, string location) =>
        ShouldReport(Single(state), Schema, location);

    [Fact]
    public void Validate_JsonPathMachineWithJsonataState_IsValid() =>
        ShouldBeValid(Single("{'Type':'Pass','QueryLanguage':'JSONata','Output':'{% $states.input %}','End':true}"));

    [Fact]
    public void Validate_JsonataMachineWithJsonPathState_ReportsQueryLanguage() =>
        ShouldReport(Single("{'Type':'Pass','QueryLanguage':'JSONPath','End':true}", topLevelExtra: "'QueryLanguage':'JSONata',"),
            Schema, "/States/S/QueryLanguage");

    [Fact]
    public void Validate_JsonataMachine_InheritsIntoBranches() =>
        ShouldReport("""
            {'QueryLanguage':'JSONata','StartAt':'P','States':{'P':{'Type':'Parallel','End':true,'Branches':[
              {'StartAt':'X','States':{'X':{'Type':'Pass','Parameters':{},'End':true}}}]}}}
            """, Schema, "/States/P/Branches/0/States/X/Parameters");

    [Fact]
    public void Validate_NextAndEnd_ReportsEnd() =>
        ShouldReport("{'StartAt':'A','States':{'A':{'Type':'Pass','Next':'B','End':true},'B':{'Type':'Succeed'}}}", Schema, "/States/A/End");

    [Fact]
    public void Validate_NeitherNextNorEnd_ReportsState() =>
        ShouldReport(Single("{'Type':'Pass'}"), Schema, "/States/S");

    [Fact]
    public void Validate_EndFalseWithoutNext_ReportsEnd() =>
        ShouldReport(Single("{'Type':'Pass','End':false}"), Schema, "/States/S/End");

    [Theory]
    [InlineData("'InputPath':'x'", "/States/S/InputPath")]
    [InlineData("'OutputPath':5", "/States/S/OutputPath")]
    [InlineData("'ResultPath':'result'", "/States/S/ResultPath")]
    [InlineData("'Parameters':[1]", "/States/S/Parameters")]
    [InlineData("'Comment':{}", "/States/S/Comment")]
    [InlineData("'Assign':[]", "/States/S/Assign")]
    [InlineData("'Assign':{'1abc':1}", "/States/S/Assign/1abc")]
    [InlineData("'Assign':{'states':1}", "/States/S/Assign/states")]
    [InlineData("'Parameters':{'x.$':5}", "/States/S/Parameters")]
    [InlineData("'Parameters':{'deep':[{'x.$':'no-dollar'}]}", "/States/S/Parameters/deep/0")]
    public void Validate_BadCommonFieldValue_ReportsField(string field, string location) =>
        ShouldReport(Single($"{{'Type':'Pass',{field},'End':true}}"), Schema, location);

    [Fact]
    public void Validate_NullPaths_AreAllowed() =>
        ShouldBeValid(Single("{'Type':'Pass','InputPath':null,'OutputPath':null,'ResultPath':null,'End':true}"));

    [Fact]
    public void Validate_AssignWithDollarKeysAndVariables_IsValid() =>
        ShouldBeValid(Single("{'Type':'Pass','Assign':{'x.$':'$.a','_y':1,'z.$':'States.Format(1)','w.$':'$v'},'End':true}"));
}
