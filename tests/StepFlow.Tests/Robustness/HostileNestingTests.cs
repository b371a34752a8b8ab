using StepFlow.Definition;
using StepFlow.Errors;
using StepFlow.Execution;
using StepFlow.Json;
using StepFlow.Parsing;
using StepFlow.Persistence;
using StepFlow.Service;
using StepFlow.Tasks;
using StepFlow.Tests.Support;
using static StepFlow.Tests.Json.JsonDepthTests;

namespace StepFlow.Tests.Robustness;

/// <summary>
/// Deep nesting in definitions and data ends in a diagnostic or an ASL/API error, never a stack overflow. Each test runs
/// on a 256 KiB stack (<see cref="SmallStack"/>) with input deep enough to overflow the stack without the bound.
/// </summary>
public sealed class HostileNestingTests
{
    private const string MachineArn = "arn:aws:states:us-east-1:123456789012:stateMachine:Deep";
    private const int Hostile = 100_000;

    [Fact]
    public void ResultPath_WithAHundredThousandSegments_IsADiagnostic()
    {
        var definition = Pass($"\"ResultPath\":\"${string.Concat(Enumerable.Repeat(".a", Hostile))}\",");

        var diagnostics = SmallStack.Run(() => StateMachine.Validate(definition));

        diagnostics.Should().Contain(d => d.Location == "/States/P/ResultPath" && d.Message.Contains("more than 512 segments"));
    }

    [Fact]
    public void ResultPath_With512Segments_BuildsAndRuns()
    {
        var definition = Pass($"\"Result\":1,\"ResultPath\":\"${string.Concat(Enumerable.Repeat(".a", 511))}\",");

        var result = SmallStack.Run(() => Run(StateMachine.Parse(definition), JsonObject.Empty));

        result.Status.Should().Be(ExecutionStatus.Succeeded, result.Cause);
        result.Output!.Depth.Should().Be(511);
    }

    [Fact]
    public void FilterParentheses_NestedThousandsDeep_AreADiagnostic()
    {
        var path = "$[?(" + new string('(', 5_000) + "@.a" + new string(')', 5_000) + ")]";

        var diagnostics = SmallStack.Run(() => StateMachine.Validate(Pass($"\"InputPath\":\"{path}\",")));

        diagnostics.Should().Contain(d => d.Location == "/States/P/InputPath" && d.Message.Contains("nested more than"));
    }

    [Fact]
    public void IntrinsicCalls_NestedThousandsDeep_AreADiagnostic()
    {
        var call = string.Concat(Enumerable.Repeat("States.Format('{}',", 5_000)) + "1" + new string(')', 5_000);

        var diagnostics = SmallStack.Run(() => StateMachine.Validate(Pass($"\"Parameters\":{{\"x.$\":\"{call}\"}},")));

        diagnostics.Should().Contain(d => d.Location == "/States/P/Parameters" && d.Code == "SCHEMA_VALIDATION_FAILED" && d.Message.Contains("nested more than 10"));
    }

    [Fact]
    public void ChoiceNotChain_AtTheLimit_BuildsAndRuns()
    {
        // The top-level Not is level 1, the 98 Nots inside it levels 2 to 99, the IsPresent rule level 100.
        var result = SmallStack.Run(() => Run(StateMachine.Parse(NotChain(98)), JsonObject.Empty));

        result.Status.Should().Be(ExecutionStatus.Succeeded, "99 negations of IsPresent on a missing field are true; {0}", result.Cause);
        StateMachine.Validate(NotChain(99)).Should().ContainSingle().Which.Message.Should().Contain("nested more than 100 levels deep");
    }

    [Fact]
    public void ChoiceNotChain_AsDeepAsJsonAllows_IsADiagnostic()
    {
        // 500 Not levels plus the definition's own levels: the deepest Choice rule definition text can hold.
        var diagnostics = SmallStack.Run(() => StateMachine.Validate(NotChain(500)));

        var error = diagnostics.Should().ContainSingle().Subject;
        error.Code.Should().Be(DiagnosticCodes.SchemaValidationFailed);
        error.Message.Should().Contain("nested more than 100 levels deep");
        error.Location.Should().StartWith("/States/C/Choices/0/Not/Not/").And.EndWith("/Not");
    }

    [Fact]
    public void ChoiceNotChain_DeeperThanJsonAllows_IsInvalidJson()
    {
        var rule = """{"Variable":"$.a","IsPresent":true}""";
        for (var i = 0; i < Hostile / 10; i++)
        {
            rule = $$"""{"Not":{{rule}}}""";
        }

        var definition = """{"StartAt":"C","States":{"C":{"Type":"Choice","Choices":[{"Not":""" + rule
            + ""","Next":"E"}],"Default":"E"},"E":{"Type":"Succeed"}}}""";

        var parsed = SmallStack.Run(() => (StateMachine.TryParse(definition, out _, out var diagnostics), diagnostics));

        parsed.Item1.Should().BeFalse();
        parsed.diagnostics.Should().ContainSingle().Which.Code.Should().Be(DiagnosticCodes.InvalidJsonDescription);
    }

    [Fact]
    public void PayloadTemplate_NestedAsDeepAsJsonAllows_IsADiagnostic()
    {
        var template = """{"x.$":"$"}""";
        for (var i = 0; i < 505; i++)
        {
            template = $$"""{"a":{{template}}}""";
        }

        var diagnostics = SmallStack.Run(() => StateMachine.Validate(Pass($"\"Parameters\":{template},")));

        diagnostics.Should().Contain(d => d.Code == DiagnosticCodes.SchemaValidationFailed && d.Message.Contains("nested too deeply"));
    }

    [Fact]
    public void DefinitionDocument_BuiltDeeperThanAnyText_IsRefusedByTryParse()
    {
        var document = JsonObject.Create(
            ("StartAt", JsonValue.From("P")),
            ("States", JsonObject.Create(("P", JsonObject.Create(("Type", JsonValue.From("Pass")), ("Result", Nested(Hostile)), ("End", JsonValue.True))))));

        var parsed = SmallStack.Run(() => (StateMachine.TryParse(document, out _, out var diagnostics), diagnostics));

        parsed.Item1.Should().BeFalse();
        parsed.diagnostics.Should().ContainSingle().Which.Message.Should().Contain("nested 65535 levels deep; at most 512");
    }

    [Fact]
    public void LoopThatWrapsItsInput_FailsWithDataLimitExceededAtDepth513()
    {
        const string definition = """
            {"StartAt":"Wrap","States":{
              "Wrap":{"Type":"Pass","Parameters":{"a.$":"$"},"Next":"Again"},
              "Again":{"Type":"Choice","Choices":[{"Variable":"$.never","IsPresent":true,"Next":"Done"}],"Default":"Wrap"},
              "Done":{"Type":"Succeed"}}}
            """;

        var result = SmallStack.Run(() => Run(StateMachine.Parse(definition), JsonObject.Empty));

        result.Status.Should().Be(ExecutionStatus.Failed);
        result.Error.Should().Be(StatesErrorNames.DataLimitExceeded);
        result.Cause.Should().Contain("'Wrap'").And.Contain("nested 513 levels deep, exceeding the maximum depth of 512");
    }

    [Fact]
    public void TaskResult_NestedAHundredThousandDeep_FailsWithDataLimitExceeded()
    {
        var engine = StepFlowEngine.CreateBuilder().AddTaskHandler("arn:aws:lambda:*", _ => Nested(Hostile)).Build();
        var machine = StateMachine.Parse("""{"StartAt":"T","States":{"T":{"Type":"Task","Resource":"arn:aws:lambda:us-east-1:123456789012:function:deep","End":true}}}""");

        var result = SmallStack.Run(() => engine.ExecuteAsync(machine, JsonObject.Empty).GetAwaiter().GetResult());

        result.Error.Should().Be(StatesErrorNames.DataLimitExceeded);
        result.Cause.Should().Contain("nested 65535 levels deep");
    }

    [Fact]
    public void AssignedVariable_DeeperThanTheLimit_FailsWithDataLimitExceeded()
    {
        var definition = Pass("""
            "Assign":{"v":{"a":{"b":{"c":{"d":{"e":{"f":{"g":{"h.$":"$"}}}}}}}}},
            """);
        var input = Nested(510);

        var result = SmallStack.Run(() => Run(StateMachine.Parse(definition), input));

        result.Error.Should().Be(StatesErrorNames.DataLimitExceeded);
        result.Cause.Should().Contain("The variable 'v' is nested 518 levels deep");
    }

    [Fact]
    public void ExecuteAsync_InputDeeperThanTheLimit_IsInvalidExecutionInput()
    {
        var machine = StateMachine.Parse(Pass(string.Empty));

        var act = () => SmallStack.Run(() => Run(machine, Nested(Hostile)));

        act.Should().Throw<ExecutionApiException>().WithMessage("*nested 65535 levels deep; at most 512*")
            .Which.ErrorCode.Should().Be(ExecutionApiErrorCodes.InvalidExecutionInput);
    }

    [Fact]
    public async Task StartExecution_InputDeeperThanTheLimit_IsInvalidExecutionInput()
    {
        await using var engine = StepFlowEngine.CreateBuilder().AddStateMachine("Deep", StateMachine.Parse(Pass(string.Empty))).Build();

        var act = async () => await engine.StartExecutionAsync(MachineArn, Nested(513));

        (await act.Should().ThrowAsync<ExecutionApiException>()).Which.ErrorCode.Should().Be(ExecutionApiErrorCodes.InvalidExecutionInput);
    }

    [Fact]
    public async Task SendTaskSuccess_OutputDeeperThanTheLimit_IsInvalidOutput()
    {
        await using var engine = StepFlowEngine.CreateBuilder().Build();

        var act = async () => await engine.SendTaskSuccessAsync("any-token", Nested(Hostile));

        (await act.Should().ThrowAsync<TaskApiException>()).Which.ErrorCode.Should().Be(TaskApiErrorCodes.InvalidOutput);
    }

    /// <summary>A Choice whose top-level rule is a Not around <paramref name="nots"/> more Nots around an IsPresent test of a missing field.</summary>
    private static string NotChain(int nots)
    {
        var rule = """{"Variable":"$.a","IsPresent":true}""";
        for (var i = 0; i < nots; i++)
        {
            rule = $$"""{"Not":{{rule}}}""";
        }

        return """{"StartAt":"C","States":{"C":{"Type":"Choice","Choices":[{"Not":""" + rule
            + ""","Next":"Yes"}],"Default":"No"},"Yes":{"Type":"Succeed"},"No":{"Type":"Fail","Error":"No"}}}""";
    }

    private static ExecutionResult Run(StateMachine machine, JsonValue input) =>
        StepFlowEngine.CreateBuilder().Build().ExecuteAsync(machine, input).GetAwaiter().GetResult();

    private static string Pass(string fields) => "{\"StartAt\":\"P\",\"States\":{\"P\":{\"Type\":\"Pass\"," + fields + "\"End\":true}}}";
}
