using StepFlow.Errors;
using StepFlow.Execution;
using StepFlow.Json;

namespace StepFlow.Tests.Execution;

public sealed class VariableAssignTests
{
    [Fact]
    public async Task JsonataAssign_AllExpressionsSeeEntryValues_SoTwoVariablesSwap()
    {
        var result = await EngineTestHost.RunAsync("""
            {"QueryLanguage":"JSONata","StartAt":"Init","States":{
              "Init":{"Type":"Pass","Assign":{"a":1,"b":2},"Next":"Swap"},
              "Swap":{"Type":"Pass","Assign":{"a":"{% $b %}","b":"{% $a %}"},"Next":"Show"},
              "Show":{"Type":"Pass","Output":{"a":"{% $a %}","b":"{% $b %}"},"End":true}}}
            """);

        result.Output.Should().Be(JsonValue.Parse("""{"a":2,"b":1}"""));
    }

    [Fact]
    public async Task JsonPathAssign_AlsoSwaps()
    {
        var result = await EngineTestHost.RunAsync("""
            {"StartAt":"Init","States":{
              "Init":{"Type":"Pass","Assign":{"a":1,"b":2},"Next":"Swap"},
              "Swap":{"Type":"Pass","Assign":{"a.$":"$b","b.$":"$a"},"Next":"Show"},
              "Show":{"Type":"Pass","Parameters":{"a.$":"$a","b.$":"$b"},"End":true}}}
            """);

        result.Output.Should().Be(JsonValue.Parse("""{"a":2,"b":1}"""));
    }

    [Fact]
    public async Task OutputOfTheAssigningState_SeesThePreAssignmentValue()
    {
        var result = await EngineTestHost.RunAsync("""
            {"QueryLanguage":"JSONata","StartAt":"Init","States":{
              "Init":{"Type":"Pass","Assign":{"x":"old"},"Next":"S"},
              "S":{"Type":"Pass","Assign":{"x":"new"},"Output":"{% $x %}","Next":"After"},
              "After":{"Type":"Pass","Output":{"before":"{% $states.input %}","now":"{% $x %}"},"End":true}}}
            """);

        result.Output.Should().Be(JsonValue.Parse("""{"before":"old","now":"new"}"""));
    }

    [Fact]
    public async Task TaskAssign_SeesResult_AndCatcherAssign_SeesErrorOutput()
    {
        var result = await EngineTestHost.RunAsync("""
            {"QueryLanguage":"JSONata","StartAt":"T","States":{
              "T":{"Type":"Task","Resource":"arn:aws:lambda:us-east-1:1:function:f","Assign":{"r":"{% $states.result %}"},
                   "Catch":[{"ErrorEquals":["States.ALL"],"Assign":{"e":"{% $states.errorOutput.Error %}"},"Next":"H"}],"Next":"H"},
              "H":{"Type":"Pass","Output":{"e":"{% $e %}"},"End":true}}}
            """, "{}", b => b.AddTaskHandler("*", (StepFlow.Tasks.TaskInvocation _) => throw new StatesErrorException("Boom", "x")));

        result.Output.Should().Be(JsonValue.Parse("""{"e":"Boom"}"""));
    }

    [Fact]
    public async Task ChoiceRuleAssign_AppliesOnlyForTheMatchingRule()
    {
        var result = await EngineTestHost.RunAsync("""
            {"QueryLanguage":"JSONata","StartAt":"C","States":{
              "C":{"Type":"Choice","Choices":[{"Condition":"{% false %}","Assign":{"v":"first"},"Next":"E"},{"Condition":true,"Assign":{"v":"second"},"Next":"E"}],
                   "Default":"E","Assign":{"v":"default"}},
              "E":{"Type":"Pass","Output":"{% $v %}","End":true}}}
            """);

        result.Output.Should().Be(JsonValue.From("second"));
    }

    [Fact]
    public async Task MapIterations_ReadOuterVariables_ButTheirAssignmentsStayInside()
    {
        var result = await EngineTestHost.RunAsync("""
            {"QueryLanguage":"JSONata","StartAt":"Init","States":{
              "Init":{"Type":"Pass","Assign":{"k":10,"inner":"outer"},"Next":"M"},
              "M":{"Type":"Map","Items":[1,2],"Next":"After",
                   "ItemProcessor":{"StartAt":"P","States":{"P":{"Type":"Pass","Assign":{"inner":"{% $states.input %}"},"Next":"Q"},
                                                            "Q":{"Type":"Pass","Output":"{% $inner * $k %}","End":true}}}},
              "After":{"Type":"Pass","Output":{"results":"{% $states.input %}","inner":"{% $inner %}"},"End":true}}}
            """);

        result.Output.Should().Be(JsonValue.Parse("""{"results":[10,20],"inner":"outer"}"""));
    }

    [Fact]
    public async Task MapIterations_OneAfterAnother_NeverSeeAnEarlierIterationsAssignments()
    {
        // Iterations that finish at once run one after another on a reused frame: each must start from the outer scope.
        var result = await EngineTestHost.RunAsync("""
            {"QueryLanguage":"JSONata","StartAt":"Init","States":{
              "Init":{"Type":"Pass","Assign":{"inner":"outer"},"Next":"M"},
              "M":{"Type":"Map","Items":[1,2,3],"MaxConcurrency":1,"End":true,
                   "ItemProcessor":{"StartAt":"Read","States":{
                     "Read":{"Type":"Pass","Output":{"before":"{% $inner %}"},"Assign":{"inner":"{% 'item ' & $string($states.input) %}"},"Next":"Again"},
                     "Again":{"Type":"Pass","Output":{"before":"{% $states.input.before %}","after":"{% $inner %}"},"End":true}}}}}}
            """);

        result.Output.Should().Be(JsonValue.Parse("""
            [{"before":"outer","after":"item 1"},{"before":"outer","after":"item 2"},{"before":"outer","after":"item 3"}]
            """));
    }

    [Fact]
    public async Task ParallelBranches_GetChildScopes()
    {
        var result = await EngineTestHost.RunAsync("""
            {"StartAt":"Init","States":{
              "Init":{"Type":"Pass","Assign":{"v":1},"Next":"P"},
              "P":{"Type":"Parallel","Next":"After","Branches":[
                {"StartAt":"X","States":{"X":{"Type":"Pass","Assign":{"v":2},"Next":"Y"},"Y":{"Type":"Pass","Parameters":{"v.$":"$v"},"End":true}}},
                {"StartAt":"Z","States":{"Z":{"Type":"Pass","Parameters":{"v.$":"$v"},"End":true}}}]},
              "After":{"Type":"Pass","Parameters":{"branches.$":"$","v.$":"$v"},"End":true}}}
            """);

        result.Output.Should().Be(JsonValue.Parse("""{"branches":[{"v":2},{"v":1}],"v":1}"""));
    }

    [Fact]
    public async Task MixedLanguages_ShareVariables()
    {
        var result = await EngineTestHost.RunAsync("""
            {"StartAt":"J","States":{
              "J":{"Type":"Pass","QueryLanguage":"JSONata","Assign":{"x":"{% 6 * 7 %}"},"Next":"P"},
              "P":{"Type":"Pass","Parameters":{"x.$":"$x"},"End":true}}}
            """);

        result.Output.Should().Be(JsonValue.Parse("""{"x":42}"""));
    }

    [Fact]
    public async Task StateExited_CarriesAssignedVariablesAsJsonStrings()
    {
        var result = await EngineTestHost.RunAsync("""
            {"QueryLanguage":"JSONata","StartAt":"A","States":{"A":{"Type":"Pass","Assign":{"o":{"k":[1,"{% 'two' %}"]},"s":"t"},"End":true}}}
            """);

        var exited = result.History.Single(e => e.Type == "PassStateExited");
        exited.Extra!["assignedVariables"].Should().Be(JsonValue.Parse("""{"o":"{\"k\":[1,\"two\"]}","s":"\"t\""}"""));
        exited.Extra!["assignedVariablesDetails"].Should().Be(JsonValue.Parse("""{"truncated":false}"""));
    }

    [Fact]
    public async Task AssignOverTheSizeLimit_FailsWithDataLimitExceeded()
    {
        var result = await EngineTestHost.RunAsync("""
            {"QueryLanguage":"JSONata","StartAt":"A","States":{"A":{"Type":"Pass","Assign":{"big":"{% $pad('', 300000, 'x') %}"},"End":true}}}
            """);

        result.Error.Should().Be(StatesErrorNames.DataLimitExceeded);
    }

    [Fact]
    public async Task UnassignedVariable_InJsonata_IsAQueryEvaluationError()
    {
        var result = await EngineTestHost.RunAsync("""
            {"QueryLanguage":"JSONata","StartAt":"A","States":{"A":{"Type":"Pass","Assign":{"r":"{% $doesNotExist %}"},"End":true}}}
            """);

        result.Cause.Should().Be("An error occurred while executing the state 'A' (entered at the event id #2). The JSONata expression '$doesNotExist' specified for the field 'Assign/r' returned nothing (undefined).");
    }

    [Fact]
    public async Task VariablesOverTenMebibytesInAll_FailWithDataLimitExceeded()
    {
        // 45 variables of ~240 KB each: every one is under the per-variable limit, together over 10 MiB.
        const string value = "{% $pad('', 240000, 'x') %}";
        var states = string.Join(",", Enumerable.Range(0, 45).Select(i =>
            "\"S" + i + "\":{\"Type\":\"Pass\",\"Assign\":{\"v" + i + "\":\"" + value + "\"}," +
            (i < 44 ? "\"Next\":\"S" + (i + 1) + "\"}" : "\"End\":true}")));
        var result = await EngineTestHost.RunAsync("{\"QueryLanguage\":\"JSONata\",\"StartAt\":\"S0\",\"States\":{" + states + "}}");

        result.Error.Should().Be(StatesErrorNames.DataLimitExceeded);
        result.Cause.Should().Contain("exceeding the maximum of 10485760 bytes");
    }

    [Fact]
    public void VariableScope_TracksTheSizeOfItsValues()
    {
        var scope = StepFlow.Variables.VariableScope.Empty.Assign([new("a", JsonValue.From("xx"))]);
        scope.TotalBytes.Should().Be(4);
        scope = scope.Assign([new("a", JsonValue.From(1))]);
        scope.TotalBytes.Should().Be(1);
        scope.CreateChild().Assign([new("b", JsonValue.True)]).TotalBytes.Should().Be(5);
    }
}
