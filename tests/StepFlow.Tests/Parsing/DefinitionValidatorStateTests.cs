using StepFlow.Parsing;
using StepFlow.Parsing.Validation;
using static StepFlow.Tests.Parsing.ValidationTestHelpers;

namespace StepFlow.Tests.Parsing;

public sealed class DefinitionValidatorStateTests
{
    private const string Schema = DiagnosticCodes.SchemaValidationFailed;
    private const string Lambda = "arn:aws:lambda:us-east-1:123456789012:function:f";

    private static string Task(string extra) => Single($"{{'Type':'Task','Resource':'{Lambda}',{extra},'End':true}}");

    private static string Choice(string choices, string extra = "") =>
        J($"{{'StartAt':'C','States':{{'C':{{'Type':'Choice',{extra}'Choices':{choices},'Default':'D'}},'D':{{'Type':'Succeed'}}}}}}");

    private static string Map(string extra, string processor = "'ItemProcessor':{'StartAt':'I','States':{'I':{'Type':'Succeed'}}}") =>
        Single($"{{'Type':'Map',{processor},{extra},'End':true}}");

    // ---- Retry and Catch ----

    [Theory]
    [InlineData("[{'ErrorEquals':[]}]", "/States/S/Retry/0/ErrorEquals")]
    [InlineData("[{'MaxAttempts':1}]", "/States/S/Retry/0")]
    [InlineData("[{'ErrorEquals':['States.ALL','X']}]", "/States/S/Retry/0/ErrorEquals")]
    [InlineData("[{'ErrorEquals':['States.ALL']},{'ErrorEquals':['X']}]", "/States/S/Retry/0/ErrorEquals")]
    [InlineData("[{'ErrorEquals':[5]}]", "/States/S/Retry/0/ErrorEquals/0")]
    [InlineData("[{'ErrorEquals':['X'],'IntervalSeconds':0}]", "/States/S/Retry/0/IntervalSeconds")]
    [InlineData("[{'ErrorEquals':['X'],'MaxAttempts':-1}]", "/States/S/Retry/0/MaxAttempts")]
    [InlineData("[{'ErrorEquals':['X'],'MaxAttempts':1.5}]", "/States/S/Retry/0/MaxAttempts")]
    [InlineData("[{'ErrorEquals':['X'],'BackoffRate':0.5}]", "/States/S/Retry/0/BackoffRate")]
    [InlineData("[{'ErrorEquals':['X'],'MaxDelaySeconds':0}]", "/States/S/Retry/0/MaxDelaySeconds")]
    [InlineData("[{'ErrorEquals':['X'],'JitterStrategy':'HALF'}]", "/States/S/Retry/0/JitterStrategy")]
    [InlineData("[{'ErrorEquals':['X'],'Next':'S'}]", "/States/S/Retry/0/Next")]
    [InlineData("{'ErrorEquals':['X']}", "/States/S/Retry")]
    [InlineData("[7]", "/States/S/Retry/0")]
    public void Validate_BadRetrier_ReportsLocation(string retry, string location) =>
        ShouldReport(Task($"'Retry':{retry}"), Schema, location);

    [Fact]
    public void Validate_FullRetrier_IsValid() =>
        ShouldBeValid(Task("'Retry':[{'ErrorEquals':['A','B'],'IntervalSeconds':1,'MaxAttempts':0,'BackoffRate':1.0,'MaxDelaySeconds':5,'JitterStrategy':'FULL','Comment':'c'},{'ErrorEquals':['States.ALL']}]"));

    [Theory]
    [InlineData("[{'ErrorEquals':['X']}]", "/States/S/Catch/0")]
    [InlineData("[{'ErrorEquals':['States.ALL'],'Next':'S'},{'ErrorEquals':['X'],'Next':'S'}]", "/States/S/Catch/0/ErrorEquals")]
    [InlineData("[{'ErrorEquals':['X'],'Next':'S','ResultPath':'x'}]", "/States/S/Catch/0/ResultPath")]
    [InlineData("[{'ErrorEquals':['X'],'Next':'S','Output':{}}]", "/States/S/Catch/0/Output")]
    [InlineData("[{'ErrorEquals':['X'],'Next':'S','Bogus':1}]", "/States/S/Catch/0/Bogus")]
    public void Validate_BadCatcher_ReportsLocation(string catchers, string location) =>
        ShouldReport(Task($"'Catch':{catchers}"), Schema, location);

    [Fact]
    public void Validate_CatcherToMissingState_ReportsMissingTransitionTarget() =>
        ShouldReport(Task("'Catch':[{'ErrorEquals':['X'],'Next':'Handler'}]"), DiagnosticCodes.MissingTransitionTarget, "/States/S/Catch/0/Next");

    [Fact]
    public void Validate_JsonataCatcherWithResultPath_ReportsQueryLanguageMismatch() =>
        ShouldReport(Single($"{{'Type':'Task','QueryLanguage':'JSONata','Resource':'{Lambda}','End':true,'Catch':[{{'ErrorEquals':['X'],'Next':'S','ResultPath':'$.e'}}]}}"),
            Schema, "/States/S/Catch/0/ResultPath");

    // ---- Choice ----

    [Fact]
    public void Validate_ValidJsonPathChoiceRules_AreValid() =>
        ShouldBeValid(Choice("""
            [{'Variable':'$.a','StringEquals':'x','Next':'D'},
             {'And':[{'Variable':'$.n','NumericGreaterThan':1},{'Not':{'Variable':'$.b','BooleanEquals':true}}],'Next':'D'},
             {'Or':[{'Variable':'$.t','TimestampLessThan':'2016-03-14T01:59:00.123+01:00'},{'Variable':'$$.Execution.Id','IsPresent':true}],'Next':'D'},
             {'Variable':'$x','StringEqualsPath':'$.y','Assign':{'v':1},'Next':'D'}]
            """));

    [Theory]
    [InlineData("[{'Variable':'$.a','StringEquals':'x'}]", "/States/C/Choices/0")]
    [InlineData("[{'StringEquals':'x','Next':'D'}]", "/States/C/Choices/0")]
    [InlineData("[{'Variable':'$.a','Next':'D'}]", "/States/C/Choices/0")]
    [InlineData("[{'Variable':'$.a','StringEquals':'x','NumericEquals':1,'Next':'D'}]", "/States/C/Choices/0")]
    [InlineData("[{'Variable':'a','StringEquals':'x','Next':'D'}]", "/States/C/Choices/0/Variable")]
    [InlineData("[{'Variable':'$.a','NumericEquals':'1','Next':'D'}]", "/States/C/Choices/0/NumericEquals")]
    [InlineData("[{'Variable':'$.a','StringEquals':1,'Next':'D'}]", "/States/C/Choices/0/StringEquals")]
    [InlineData("[{'Variable':'$.a','BooleanEquals':'true','Next':'D'}]", "/States/C/Choices/0/BooleanEquals")]
    [InlineData("[{'Variable':'$.a','IsNull':1,'Next':'D'}]", "/States/C/Choices/0/IsNull")]
    [InlineData("[{'Variable':'$.a','TimestampEquals':'2016-03-14 01:59:00Z','Next':'D'}]", "/States/C/Choices/0/TimestampEquals")]
    [InlineData("[{'Variable':'$.a','TimestampEquals':'2016-02-30T01:59:00Z','Next':'D'}]", "/States/C/Choices/0/TimestampEquals")]
    [InlineData("[{'Variable':'$.a','NumericEqualsPath':'b','Next':'D'}]", "/States/C/Choices/0/NumericEqualsPath")]
    [InlineData("[{'Variable':'$.a','StringMatchesPath':'$.b','Next':'D'}]", "/States/C/Choices/0/StringMatchesPath")]
    [InlineData("[{'And':[],'Next':'D'}]", "/States/C/Choices/0/And")]
    [InlineData("[{'Or':{},'Next':'D'}]", "/States/C/Choices/0/Or")]
    [InlineData("[{'Not':[],'Next':'D'}]", "/States/C/Choices/0/Not")]
    [InlineData("[{'Not':{'Variable':'$.a','IsNull':true},'And':[{'Variable':'$.a','IsNull':true}],'Next':'D'}]", "/States/C/Choices/0")]
    [InlineData("[{'Variable':'$.a','Not':{'Variable':'$.a','IsNull':true},'Next':'D'}]", "/States/C/Choices/0")]
    [InlineData("[{'Variable':'$.a','IsNull':true,'Condition':'{% true %}','Next':'D'}]", "/States/C/Choices/0/Condition")]
    [InlineData("[{'Variable':'$.a','IsNull':true,'Next':'D'},{'Variable':'$.a','IsNull':true,'Next':'D'},{'And':[{'Variable':'x','IsNull':true}],'Next':'D'}]", "/States/C/Choices/2/And/0/Variable")]
    [InlineData("[{'And':[{'Variable':'$.a','IsNull':true,'Next':'D'}],'Next':'D'}]", "/States/C/Choices/0/And/0/Next")]
    [InlineData("[{'Not':{'Variable':'$.a','IsNull':true,'Assign':{}},'Next':'D'}]", "/States/C/Choices/0/Not/Assign")]
    [InlineData("[{'Not':{'Not':{'Or':[{'Variable':'$.a'}]}},'Next':'D'}]", "/States/C/Choices/0/Not/Not/Or/0")]
    [InlineData("[3]", "/States/C/Choices/0")]
    [InlineData("[]", "/States/C/Choices")]
    [InlineData("{}", "/States/C/Choices")]
    public void Validate_BadJsonPathChoiceRule_ReportsLocation(string choices, string location) =>
        ShouldReport(Choice(choices), Schema, location);

    [Fact]
    public void Validate_ChoiceRuleNextToMissingState_ReportsMissingTransitionTarget() =>
        ShouldReport(Choice("[{'Variable':'$.a','IsNull':true,'Next':'Nowhere'}]"), DiagnosticCodes.MissingTransitionTarget, "/States/C/Choices/0/Next");

    [Fact]
    public void Validate_ChoiceDefaultToMissingState_ReportsMissingTransitionTarget() =>
        ShouldReport("{'StartAt':'C','States':{'C':{'Type':'Choice','Choices':[{'Variable':'$.a','IsNull':true,'Next':'C'}],'Default':'Gone'},'E':{'Type':'Succeed'}}}",
            DiagnosticCodes.MissingTransitionTarget, "/States/C/Default");

    [Fact]
    public void Validate_ChoiceMissingChoices_ReportsState() =>
        ShouldReport("{'StartAt':'C','States':{'C':{'Type':'Choice','Default':'D'},'D':{'Type':'Succeed'}}}", Schema, "/States/C");

    [Fact]
    public void Validate_JsonataChoiceRules_UseCondition()
    {
        const string jsonata = "'QueryLanguage':'JSONata',";
        ShouldBeValid(Choice("[{'Condition':'{% $states.input.a = 1 %}','Next':'D','Output':{},'Assign':{'x':1}}]", jsonata));
        ShouldReport(Choice("[{'Next':'D'}]", jsonata), Schema, "/States/C/Choices/0");
        ShouldReport(Choice("[{'Condition':'$.a','Next':'D'}]", jsonata), Schema, "/States/C/Choices/0/Condition");
        ShouldReport(Choice("[{'Condition':'{% true %}','Variable':'$.a','Next':'D'}]", jsonata), Schema, "/States/C/Choices/0/Variable");
    }

    [Fact]
    public void Validate_StringOperandThatLooksLikePath_WarnsNoPath() =>
        Validate(Choice("[{'Variable':'$.a','StringEquals':'$.b','Next':'D'}]")).Warnings()
            .Should().Equal($"{DiagnosticCodes.NoPath} /States/C/Choices/0/StringEquals");

    // ---- Wait ----

    [Theory]
    [InlineData("'Seconds':5")]
    [InlineData("'SecondsPath':'$.s'")]
    [InlineData("'Timestamp':'2024-01-01T00:00:00Z'")]
    [InlineData("'TimestampPath':'$.t'")]
    public void Validate_WaitWithOneDuration_IsValid(string field) =>
        ShouldBeValid(Single($"{{'Type':'Wait',{field},'End':true}}"));

    [Theory]
    [InlineData("'Comment':'none'", "/States/S")]
    [InlineData("'Seconds':1,'SecondsPath':'$.s'", "/States/S")]
    [InlineData("'Seconds':1,'Timestamp':'2024-01-01T00:00:00Z'", "/States/S")]
    [InlineData("'Seconds':-1", "/States/S/Seconds")]
    [InlineData("'Seconds':'{% 1 %}'", "/States/S/Seconds")]
    [InlineData("'Timestamp':'2024-01-01t00:00:00z'", "/States/S/Timestamp")]
    [InlineData("'Timestamp':'$.t'", "/States/S/Timestamp")]
    [InlineData("'SecondsPath':5", "/States/S/SecondsPath")]
    [InlineData("'TimestampPath':'t'", "/States/S/TimestampPath")]
    public void Validate_BadWait_ReportsLocation(string fields, string location) =>
        ShouldReport(Single($"{{'Type':'Wait',{fields},'End':true}}"), Schema, location);

    [Fact]
    public void Validate_JsonataWait_AcceptsExpressions() =>
        ShouldBeValid(Single("{'Type':'Wait','QueryLanguage':'JSONata','Seconds':'{% $states.input.s %}','End':true}"));

    // ---- Fail and Succeed ----

    [Theory]
    [InlineData("'Error':'E','ErrorPath':'$.e'", "/States/S/ErrorPath")]
    [InlineData("'Cause':'C','CausePath':'$.c'", "/States/S/CausePath")]
    [InlineData("'Error':5", "/States/S/Error")]
    [InlineData("'ErrorPath':'e'", "/States/S/ErrorPath")]
    [InlineData("'Cause':'x','Output':{}", "/States/S/Output")]
    public void Validate_BadFail_ReportsLocation(string fields, string location) =>
        ShouldReport(Single($"{{'Type':'Fail',{fields}}}"), Schema, location);

    [Fact]
    public void Validate_FailWithIntrinsicCausePath_IsValid() =>
        ShouldBeValid(Single("{'Type':'Fail','ErrorPath':'$.e','CausePath':'States.Format(\\u0027{}\\u0027, $.c)'}"));

    [Fact]
    public void Validate_FailCauseLooksLikePath_WarnsNoPath() =>
        Validate(Single("{'Type':'Fail','Cause':'$.cause'}")).Warnings().Should().Equal($"{DiagnosticCodes.NoPath} /States/S/Cause");

    // ---- Task ----

    [Theory]
    [InlineData("arn:aws:states:::lambda:invoke")]
    [InlineData("arn:aws:states:::lambda:invoke.waitForTaskToken")]
    [InlineData("arn:aws:states:::states:startExecution.sync:2")]
    [InlineData("arn:aws:states:::aws-sdk:s3:getObject")]
    [InlineData("arn:aws:states:us-east-1:123456789012:activity:work")]
    [InlineData("arn:aws-cn:lambda:cn-north-1:123456789012:function:f:$LATEST")]
    public void Validate_ValidResource_IsValid(string resource) =>
        ShouldBeValid(Single($"{{'Type':'Task','Resource':'{resource}','End':true}}"));

    [Theory]
    [InlineData("lambda")]
    [InlineData("arn:aws:lambda")]
    [InlineData("arn::lambda:us-east-1:1:function:f")]
    [InlineData("arn:aws:lambda:us-east-1:1:function:my func")]
    [InlineData("{% 'arn' %}")]
    public void Validate_BadResource_ReportsInvalidResource(string resource) =>
        ShouldReport(Single($"{{'Type':'Task','Resource':'{resource.Replace("'", "\\u0027", StringComparison.Ordinal)}','End':true}}"),
            DiagnosticCodes.InvalidResource, "/States/S/Resource");

    [Fact]
    public void Validate_SameBadResourceInTwoTasks_ReportsBoth() =>
        Validate("{'StartAt':'A','States':{'A':{'Type':'Task','Resource':'lambda','Next':'B'},'B':{'Type':'Task','Resource':'lambda','End':true}}}")
            .Errors().Should().Equal($"{DiagnosticCodes.InvalidResource} /States/A/Resource", $"{DiagnosticCodes.InvalidResource} /States/B/Resource");

    [Fact]
    public void Validate_SameSyncResourceInTwoExpressTasks_ReportsBoth() =>
        Validate(
            "{'StartAt':'A','States':{'A':{'Type':'Task','Resource':'arn:aws:states:::states:startExecution.sync','Next':'B'}," +
            "'B':{'Type':'Task','Resource':'arn:aws:states:::states:startExecution.sync','End':true}}}",
            new ValidationOptions { StateMachineType = StateMachineType.Express })
            .Errors().Should().Equal($"{DiagnosticCodes.SchemaValidationFailed} /States/A/Resource", $"{DiagnosticCodes.SchemaValidationFailed} /States/B/Resource");

    [Fact]
    public void Validate_GoodResourceBeforeBadOne_ReportsOnlyTheBadOne() =>
        Validate($"{{'StartAt':'A','States':{{'A':{{'Type':'Task','Resource':'{Lambda}','Next':'B'}},'B':{{'Type':'Task','Resource':'{Lambda}','Next':'C'}},'C':{{'Type':'Task','Resource':'lambda','End':true}}}}}}")
            .Errors().Should().Equal($"{DiagnosticCodes.InvalidResource} /States/C/Resource");

    [Fact]
    public void Validate_TaskWithoutResource_ReportsState() =>
        ShouldReport(Single("{'Type':'Task','End':true}"), Schema, "/States/S");

    [Theory]
    [InlineData("arn:aws:states:::lambda:invoke.waitForTaskToken")]
    [InlineData("arn:aws:states:::states:startExecution.sync")]
    [InlineData("arn:aws:states:::states:startExecution.sync:2")]
    [InlineData("arn:aws:states:us-east-1:123456789012:activity:work")]
    public void Validate_ExpressWithCallbackSyncOrActivity_ReportsResource(string resource)
    {
        var json = Single($"{{'Type':'Task','Resource':'{resource}','End':true}}");

        ShouldBeValid(json);
        ShouldReport(json, Schema, "/States/S/Resource", new ValidationOptions { StateMachineType = StateMachineType.Express });
    }

    [Theory]
    [InlineData("'TimeoutSeconds':0", "/States/S/TimeoutSeconds")]
    [InlineData("'TimeoutSeconds':'10'", "/States/S/TimeoutSeconds")]
    [InlineData("'TimeoutSeconds':10,'TimeoutSecondsPath':'$.t'", "/States/S/TimeoutSecondsPath")]
    [InlineData("'HeartbeatSeconds':5,'HeartbeatSecondsPath':'$.h'", "/States/S/HeartbeatSecondsPath")]
    [InlineData("'TimeoutSeconds':10,'HeartbeatSeconds':10", "/States/S/HeartbeatSeconds")]
    [InlineData("'TimeoutSecondsPath':'t'", "/States/S/TimeoutSecondsPath")]
    [InlineData("'Credentials':'role'", "/States/S/Credentials")]
    [InlineData("'ResultSelector':{'a.$':1}", "/States/S/ResultSelector")]
    public void Validate_BadTaskTiming_ReportsLocation(string fields, string location) =>
        ShouldReport(Task(fields), Schema, location);

    [Fact]
    public void Validate_JsonataTask_AcceptsExpressionTimeouts() =>
        ShouldBeValid(Single($"{{'Type':'Task','QueryLanguage':'JSONata','Resource':'{Lambda}','TimeoutSeconds':'{{% 5 %}}','HeartbeatSeconds':2,'Arguments':'{{% $states.input %}}','End':true}}"));

    // ---- Parallel ----

    [Theory]
    [InlineData("'Branches':[]", "/States/S/Branches")]
    [InlineData("'Branches':{}", "/States/S/Branches")]
    [InlineData("'Comment':'no branches'", "/States/S")]
    [InlineData("'Branches':[5]", "/States/S/Branches/0")]
    [InlineData("'Branches':[{'StartAt':'B','States':{'B':{'Type':'Succeed'}},'Next':'X'}]", "/States/S/Branches/0/Next")]
    public void Validate_BadParallel_ReportsLocation(string fields, string location) =>
        ShouldReport(Single($"{{'Type':'Parallel',{fields},'End':true}}"), Schema, location);

    // ---- Map ----

    [Fact]
    public void Validate_DistributedMap_IsValid() =>
        ShouldBeValid(Map("""
            'ItemReader':{'Resource':'arn:aws:states:::s3:getObject','ReaderConfig':{'InputType':'CSV','CSVHeaderLocation':'GIVEN','CSVHeaders':['a'],'MaxItems':10},'Parameters':{'Bucket':'b','Key':'k'}},
            'ItemBatcher':{'MaxItemsPerBatch':10,'MaxInputBytesPerBatch':1024,'BatchInput':{'x':1}},
            'ResultWriter':{'Resource':'arn:aws:states:::s3:putObject','Parameters':{'Bucket':'b','Prefix':'p'},'WriterConfig':{'OutputType':'JSONL','Transformation':'COMPACT'}},
            'MaxConcurrency':100,'ToleratedFailurePercentage':5.5,'ToleratedFailureCount':3,'Label':'MyMap'
            """, "'ItemProcessor':{'ProcessorConfig':{'Mode':'DISTRIBUTED','ExecutionType':'EXPRESS'},'StartAt':'I','States':{'I':{'Type':'Succeed'}}}"));

    [Fact]
    public void Validate_MapWithIterator_IsValid() =>
        ShouldBeValid(Map("'ItemsPath':'$.items'", "'Iterator':{'StartAt':'I','States':{'I':{'Type':'Succeed'}}}"));

    [Theory]
    [InlineData("'MaxConcurrency':-1", "/States/S/MaxConcurrency")]
    [InlineData("'MaxConcurrency':1,'MaxConcurrencyPath':'$.m'", "/States/S/MaxConcurrencyPath")]
    [InlineData("'ToleratedFailurePercentage':101", "/States/S/ToleratedFailurePercentage")]
    [InlineData("'ToleratedFailureCount':-2", "/States/S/ToleratedFailureCount")]
    [InlineData("'ToleratedFailureCount':1,'ToleratedFailureCountPath':'$.c'", "/States/S/ToleratedFailureCountPath")]
    [InlineData("'ItemsPath':'items'", "/States/S/ItemsPath")]
    [InlineData("'ItemReader':{'ReaderConfig':{}}", "/States/S/ItemReader")]
    [InlineData("'ItemReader':{'Resource':'arn:aws:states:::s3:getObject','ReaderConfig':{'InputType':'XML'}}", "/States/S/ItemReader/ReaderConfig/InputType")]
    [InlineData("'ItemReader':{'Resource':'arn:aws:states:::s3:getObject','ReaderConfig':{'CSVHeaderLocation':'GIVEN'}}", "/States/S/ItemReader/ReaderConfig")]
    [InlineData("'ItemReader':{'Resource':'arn:aws:states:::s3:getObject','Arguments':{}}", "/States/S/ItemReader/Arguments")]
    [InlineData("'ItemBatcher':{'MaxInputBytesPerBatch':300000}", "/States/S/ItemBatcher/MaxInputBytesPerBatch")]
    [InlineData("'ItemBatcher':{'MaxItemsPerBatch':0}", "/States/S/ItemBatcher/MaxItemsPerBatch")]
    [InlineData("'ItemBatcher':[]", "/States/S/ItemBatcher")]
    [InlineData("'ResultWriter':{'Resource':'arn:aws:states:::s3:putObject','WriterConfig':{'OutputType':'CSV'}}", "/States/S/ResultWriter/WriterConfig/OutputType")]
    [InlineData("'ItemSelector':{'v.$':true}", "/States/S/ItemSelector")]
    public void Validate_BadMap_ReportsLocation(string fields, string location) =>
        ShouldReport(Map(fields), Schema, location);

    [Theory]
    [InlineData("", "/States/S")]
    [InlineData("'ItemProcessor':[],", "/States/S/ItemProcessor")]
    [InlineData("'ItemProcessor':{'StartAt':'I','States':{'I':{'Type':'Succeed'}}},'Iterator':{'StartAt':'J','States':{'J':{'Type':'Succeed'}}},", "/States/S/Iterator")]
    [InlineData("'ItemProcessor':{'ProcessorConfig':{'Mode':'inline'},'StartAt':'I','States':{'I':{'Type':'Succeed'}}},", "/States/S/ItemProcessor/ProcessorConfig/Mode")]
    [InlineData("'ItemProcessor':{'ProcessorConfig':{'Mode':'DISTRIBUTED','ExecutionType':'FAST'},'StartAt':'I','States':{'I':{'Type':'Succeed'}}},", "/States/S/ItemProcessor/ProcessorConfig/ExecutionType")]
    [InlineData("'ItemProcessor':{'StartAt':'I','States':{'I':{'Type':'Succeed'}},'Extra':1},", "/States/S/ItemProcessor/Extra")]
    public void Validate_BadMapProcessor_ReportsLocation(string processor, string location) =>
        ShouldReport(Single($"{{'Type':'Map',{processor}'End':true}}"), Schema, location);

    [Theory]
    [InlineData("my label")]
    [InlineData("a/b")]
    [InlineData("x*")]
    [InlineData("")]
    [InlineData("abcdefghijabcdefghijabcdefghijabcdefghijX")]
    public void Validate_BadMapLabel_ReportsInvalidLabelName(string label) =>
        ShouldReport(Map($"'Label':'{label}'"), DiagnosticCodes.InvalidLabelName, "/States/S/Label");

    [Fact]
    public void Validate_DuplicateMapLabels_ReportsDuplicateLabelName() =>
        ShouldReport("""
            {'StartAt':'A','States':{
              'A':{'Type':'Map','Label':'L','Next':'B','ItemProcessor':{'StartAt':'I','States':{'I':{'Type':'Succeed'}}}},
              'B':{'Type':'Map','Label':'L','End':true,'ItemProcessor':{'StartAt':'J','States':{'J':{'Type':'Succeed'}}}}}}
            """, DiagnosticCodes.DuplicateLabelName, "/States/B/Label");

    [Fact]
    public void Validate_JsonataMap_AcceptsExpressions() =>
        ShouldBeValid(Single("""
            {'Type':'Map','QueryLanguage':'JSONata','Items':'{% $states.input.xs %}','MaxConcurrency':'{% 2 %}',
             'ToleratedFailurePercentage':'{% 10 %}','ItemSelector':{'v':'{% $states.context.Map.Item.Value %}'},
             'ItemProcessor':{'StartAt':'I','States':{'I':{'Type':'Succeed'}}},'End':true}
            """));

    // ---- Warnings ----

    [Fact]
    public void Validate_PathWithoutDollarKey_WarnsNoDollar()
    {
        var diagnostics = Validate(Single("{'Type':'Pass','Parameters':{'a':'$.x','b':{'c':'States.Format(1)'},'d.$':'$.y','e':'plain'},'End':true}"));

        diagnostics.Errors().Should().BeEmpty();
        diagnostics.Warnings().Should().Equal(
            $"{DiagnosticCodes.NoDollar} /States/S/Parameters/a",
            $"{DiagnosticCodes.NoDollar} /States/S/Parameters/b/c");
    }

    [Fact]
    public void Validate_DollarKeyInPassResult_WarnsPassResultIsStatic() =>
        Validate(Single("{'Type':'Pass','Result':{'x':{'y.$':'$.z'}},'End':true}")).Warnings()
            .Should().Equal($"{DiagnosticCodes.PassResultIsStatic} /States/S/Result/x/y.$");

    [Fact]
    public void Validate_JsonataLiteralThatLooksLikePath_IsNotWarned() =>
        Validate(Single("{'Type':'Pass','QueryLanguage':'JSONata','Output':{'a':'$.x','b.$':'$'},'End':true}")).Should().BeEmpty();

    [Fact]
    public void Validate_MinimumSeverityError_DropsWarnings()
    {
        var json = Single("{'Type':'Pass','Parameters':{'a':'$.x'},'Next':'Gone'}");

        Validate(json).Warnings().Should().NotBeEmpty();
        var errorsOnly = Validate(json, new ValidationOptions { MinimumSeverity = DiagnosticSeverity.Error });
        errorsOnly.Should().OnlyContain(d => d.Severity == DiagnosticSeverity.Error);
        errorsOnly.Errors().Should().Equal($"{DiagnosticCodes.MissingTransitionTarget} /States/S/Next", $"{DiagnosticCodes.MissingEndState} ");
    }
}
