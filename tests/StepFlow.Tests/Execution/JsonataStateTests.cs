using StepFlow.Errors;
using StepFlow.Execution;
using StepFlow.Json;
using StepFlow.Parsing;
using StepFlow.Persistence;
using StepFlow.Tasks;

namespace StepFlow.Tests.Execution;

public sealed class JsonataStateTests
{
    [Fact]
    public async Task Pass_Output_EvaluatesNestedExpressions_AndKeepsOtherStringsLiteral()
    {
        var result = await EngineTestHost.RunAsync("""
            {"QueryLanguage":"JSONata","StartAt":"A","States":{"A":{"Type":"Pass","End":true,
              "Output":{"sum":"{% $sum($states.input.n) %}","list":[1,"{% $states.input.n[0] %}"," {% 1 %}","$.n"],"name":"{% $states.context.State.Name %}"}}}}
            """, """{"n":[2,3]}""");

        result.Status.Should().Be(ExecutionStatus.Succeeded);
        result.Output.Should().Be(JsonValue.Parse("""{"sum":5,"list":[1,2," {% 1 %}","$.n"],"name":"A"}"""));
    }

    [Fact]
    public async Task Pass_WithoutOutput_PassesItsInputThrough()
    {
        var result = await EngineTestHost.RunAsync("""
            {"QueryLanguage":"JSONata","StartAt":"A","States":{"A":{"Type":"Pass","End":true}}}
            """, """{"a":1}""");

        result.Output.Should().Be(JsonValue.Parse("""{"a":1}"""));
    }

    [Fact]
    public async Task JsonPathMachine_MayContainJsonataStates()
    {
        var result = await EngineTestHost.RunAsync("""
            {"StartAt":"P","States":{
              "P":{"Type":"Pass","Parameters":{"v.$":"$.a"},"Next":"J"},
              "J":{"Type":"Pass","QueryLanguage":"JSONata","Output":"{% $states.input.v * 10 %}","End":true}}}
            """, """{"a":4}""");

        result.Output.Should().Be(JsonValue.Parse("40"));
    }

    [Fact]
    public async Task Task_Arguments_AreThePayload_AndOutputSeesTheResult()
    {
        var result = await EngineTestHost.RunAsync("""
            {"QueryLanguage":"JSONata","StartAt":"T","States":{"T":{"Type":"Task","Resource":"arn:aws:lambda:us-east-1:1:function:f",
              "Arguments":{"x":"{% $states.input.a + 1 %}"},
              "Output":{"in":"{% $states.input %}","res":"{% $states.result %}"},"End":true}}}
            """, """{"a":1}""", b => b.AddTaskHandler("*", (TaskInvocation i) => JsonObject.Create(("got", i.Input))));

        result.Output.Should().Be(JsonValue.Parse("""{"in":{"a":1},"res":{"got":{"x":2}}}"""));
    }

    [Fact]
    public async Task Task_WithoutOutput_OutputsTheResult()
    {
        var result = await EngineTestHost.RunAsync("""
            {"QueryLanguage":"JSONata","StartAt":"T","States":{"T":{"Type":"Task","Resource":"arn:aws:lambda:us-east-1:1:function:f","End":true}}}
            """, """{"a":1}""", b => b.AddTaskHandler("*", (TaskInvocation _) => JsonValue.From("done")));

        result.Output.Should().Be(JsonValue.From("done"));
    }

    [Fact]
    public async Task Task_TimeoutSecondsExpressionOfWrongType_FailsWithQueryEvaluationError()
    {
        var result = await EngineTestHost.RunAsync("""
            {"QueryLanguage":"JSONata","StartAt":"T","States":{"T":{"Type":"Task","Resource":"arn:aws:lambda:us-east-1:1:function:f",
              "TimeoutSeconds":"{% 'ten' %}","End":true}}}
            """, "{}", b => b.Echo());

        result.Error.Should().Be(StatesErrorNames.QueryEvaluationError);
        result.Cause.Should().Contain("'TimeoutSeconds'").And.Contain("Expected 'integer', but was 'string'");
    }

    [Theory]
    [InlineData("""{"n":5}""", "Big", "rule")]
    [InlineData("""{"n":1}""", "Other", "default")]
    public async Task Choice_Condition_PicksRule_AndUsesRuleOrStateOutput(string input, string target, string output)
    {
        var result = await EngineTestHost.RunAsync("""
            {"QueryLanguage":"JSONata","StartAt":"C","States":{
              "C":{"Type":"Choice","Choices":[{"Condition":"{% $states.input.n > 3 %}","Output":"rule","Next":"Big"}],"Default":"Other","Output":"default"},
              "Big":{"Type":"Pass","End":true},"Other":{"Type":"Pass","End":true}}}
            """, input);

        result.Output.Should().Be(JsonValue.From(output));
        result.History.Where(e => e.Type == "PassStateEntered").Select(e => e.StateName).Should().Equal(target);
    }

    [Fact]
    public async Task Choice_NonBooleanCondition_FailsWithQueryEvaluationError()
    {
        var result = await EngineTestHost.RunAsync("""
            {"QueryLanguage":"JSONata","StartAt":"C","States":{
              "C":{"Type":"Choice","Choices":[{"Condition":"{% $states.input.n %}","Next":"B"}],"Default":"B"},
              "B":{"Type":"Pass","End":true}}}
            """, """{"n":5}""");

        result.Error.Should().Be(StatesErrorNames.QueryEvaluationError);
        result.Cause.Should().EndWith("returned an unexpected result type. Expected 'boolean', but was 'number' for value: 5");
    }

    [Fact]
    public async Task Map_Items_ItemSelector_AndMaxConcurrencyExpression()
    {
        var result = await EngineTestHost.RunAsync("""
            {"QueryLanguage":"JSONata","StartAt":"M","States":{"M":{"Type":"Map","End":true,
              "Items":"{% $states.input.xs %}","MaxConcurrency":"{% 1 %}",
              "ItemSelector":{"v":"{% $states.context.Map.Item.Value * 2 %}","i":"{% $states.context.Map.Item.Index %}"},
              "ItemProcessor":{"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}}}}}
            """, """{"xs":[1,2]}""");

        result.Output.Should().Be(JsonValue.Parse("""[{"v":2,"i":0},{"v":4,"i":1}]"""));
    }

    [Fact]
    public async Task Map_ItemsNotAnArray_FailsWithAwsCauseAndEvaluationFailedEvent()
    {
        var result = await EngineTestHost.RunAsync("""
            {"QueryLanguage":"JSONata","StartAt":"M","States":{"M":{"Type":"Map","End":true,"Items":"{% 1 %}",
              "ItemProcessor":{"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}}}}}
            """);

        result.Error.Should().Be(StatesErrorNames.QueryEvaluationError);
        result.Cause.Should().Be("An error occurred while executing the state 'M' (entered at the event id #2). The JSONata expression '1' specified for the field 'Items' returned an unexpected result type. Expected 'array', but was 'number' for value: 1");
        result.History.Select(e => e.Type).Should().Equal("ExecutionStarted", "MapStateEntered", "EvaluationFailed", "MapStateFailed", "ExecutionFailed");
    }

    [Fact]
    public async Task Wait_SecondsExpression_Waits_AndNegativeSecondsFail()
    {
        var ok = await EngineTestHost.RunAsync("""
            {"QueryLanguage":"JSONata","StartAt":"W","States":{"W":{"Type":"Wait","Seconds":"{% $states.input.s %}","End":true}}}
            """, """{"s":0}""");
        var bad = await EngineTestHost.RunAsync("""
            {"QueryLanguage":"JSONata","StartAt":"W","States":{"W":{"Type":"Wait","Seconds":"{% $states.input.s %}","End":true}}}
            """, """{"s":-1}""");

        ok.Output.Should().Be(JsonValue.Parse("""{"s":0}"""));
        bad.Error.Should().Be(StatesErrorNames.QueryEvaluationError);
    }

    [Fact]
    public async Task Wait_InvalidTimestamp_FailsWithAwsCause()
    {
        var result = await EngineTestHost.RunAsync("""
            {"QueryLanguage":"JSONata","StartAt":"W","States":{"W":{"Type":"Wait","Timestamp":"{% $states.input.t %}","End":true}}}
            """, """{"t":"2016-12-05 21:29:29Z"}""");

        result.Cause.Should().Be("An error occurred while executing the state 'W' (entered at the event id #2). The Timestamp field cannot be parsed as an ISO-8601 extended offset date-time format string: 2016-12-05 21:29:29Z");
    }

    [Fact]
    public async Task Fail_ErrorAndCauseExpressions()
    {
        var result = await EngineTestHost.RunAsync("""
            {"QueryLanguage":"JSONata","StartAt":"F","States":{"F":{"Type":"Fail","Error":"{% 'E.' & $states.input.code %}","Cause":"{% $string($states.input) %}"}}}
            """, """{"code":"X"}""");

        result.Error.Should().Be("E.X");
        result.Cause.Should().Be("""{"code":"X"}""");
    }

    [Fact]
    public async Task UndefinedResult_FailsWithFieldLocation_AndEvaluationFailedEvent()
    {
        var result = await EngineTestHost.RunAsync("""
            {"QueryLanguage":"JSONata","StartAt":"A","States":{"A":{"Type":"Pass","Output":{"r":"{% $nope %}"},"End":true}}}
            """);

        result.Error.Should().Be(StatesErrorNames.QueryEvaluationError);
        result.Cause.Should().Be("An error occurred while executing the state 'A' (entered at the event id #2). The JSONata expression '$nope' specified for the field 'Output/r' returned nothing (undefined).");
        var failed = result.History.Single(e => e.Type == "EvaluationFailed");
        failed.Extra!["location"].Should().Be(JsonValue.From("Output/r"));
    }

    [Fact]
    public async Task ThrownJsonataError_NamesCodeAndMessage()
    {
        var result = await EngineTestHost.RunAsync("""
            {"QueryLanguage":"JSONata","StartAt":"A","States":{"A":{"Type":"Pass","Output":"{% $eval('1') %}","End":true}}}
            """);

        result.Error.Should().Be(StatesErrorNames.QueryEvaluationError);
        result.Cause.Should().EndWith("specified for the field 'Output' threw an error during evaluation. T1006: Attempted to invoke a non-function");
    }

    [Fact]
    public async Task QueryEvaluationError_IsCaughtByStatesAll_WithErrorOutput()
    {
        var result = await EngineTestHost.RunAsync("""
            {"QueryLanguage":"JSONata","StartAt":"T","States":{
              "T":{"Type":"Task","Resource":"arn:aws:lambda:us-east-1:1:function:f","Arguments":"{% $missing %}",
                   "Catch":[{"ErrorEquals":["States.ALL"],"Output":{"err":"{% $states.errorOutput.Error %}","in":"{% $states.input %}"},"Next":"H"}],"End":true},
              "H":{"Type":"Pass","End":true}}}
            """, """{"a":1}""", b => b.Echo());

        result.Status.Should().Be(ExecutionStatus.Succeeded);
        result.Output.Should().Be(JsonValue.Parse("""{"err":"States.QueryEvaluationError","in":{"a":1}}"""));
    }

    [Fact]
    public async Task Catcher_WithoutOutput_OutputsErrorOutput()
    {
        var result = await EngineTestHost.RunAsync("""
            {"QueryLanguage":"JSONata","StartAt":"T","States":{
              "T":{"Type":"Task","Resource":"arn:aws:lambda:us-east-1:1:function:f","Catch":[{"ErrorEquals":["Boom"],"Next":"H"}],"End":true},
              "H":{"Type":"Pass","End":true}}}
            """, "{}", b => b.AddTaskHandler("*", (TaskInvocation _) => throw new StatesErrorException("Boom", "bad")));

        result.Output.Should().Be(JsonValue.Parse("""{"Error":"Boom","Cause":"bad"}"""));
    }

    [Fact]
    public async Task Parallel_Arguments_FeedEveryBranch_AndOutputSeesResults()
    {
        var result = await EngineTestHost.RunAsync("""
            {"QueryLanguage":"JSONata","StartAt":"P","States":{"P":{"Type":"Parallel","End":true,
              "Arguments":{"v":"{% $states.input.a %}"},"Output":"{% $states.result.v %}",
              "Branches":[{"StartAt":"X","States":{"X":{"Type":"Pass","End":true}}},{"StartAt":"Y","States":{"Y":{"Type":"Pass","Output":{"v":"{% $states.input.v + 1 %}"},"End":true}}}]}}}
            """, """{"a":1}""");

        result.Output.Should().Be(JsonValue.Parse("[1,2]"));
    }

    [Fact]
    public void InvalidExpression_IsADiagnosticWithItsPointer()
    {
        var diagnostics = StateMachine.Validate("""
            {"QueryLanguage":"JSONata","StartAt":"A","States":{"A":{"Type":"Pass","Output":{"x":"{% 1 + %}"},"End":true}}}
            """);

        diagnostics.Should().Contain(d => d.Location == "/States/A/Output/x");
    }

    [Fact]
    public async Task TimeLimit_IsNotTrippedByASelfAdvancingFakeClock()
    {
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider { AutoAdvanceAmount = TimeSpan.FromMinutes(5) };
        var result = await EngineTestHost.RunAsync("""
            {"QueryLanguage":"JSONata","StartAt":"A","States":{"A":{"Type":"Pass","Output":"{% $sum($map([1..2000], function($i){$i})) %}","End":true}}}
            """, clock: clock);

        result.Status.Should().Be(ExecutionStatus.Succeeded);
        result.Output.Should().Be(JsonValue.From(2001000));
    }
}
