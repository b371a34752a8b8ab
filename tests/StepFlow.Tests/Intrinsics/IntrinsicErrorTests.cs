using StepFlow.Errors;
using StepFlow.Intrinsics;
using StepFlow.Json;
using StepFlow.Paths;
using static StepFlow.Tests.Intrinsics.IntrinsicTestSupport;

namespace StepFlow.Tests.Intrinsics;

public sealed class IntrinsicErrorTests
{
    [Fact]
    public void MissingPath_UsesAwsCauseWording()
    {
        var error = EvalFailure("States.Format('{}', $.nope)", """{"other":1}""");

        error.Cause.Should().Be(
            "The function 'States.Format('{}', $.nope)' had the following error: " +
            "The JsonPath argument for the field '$.nope' could not be found in the input '{\"other\":1}'");
    }

    [Fact]
    public void MissingPath_InANestedCall_NamesTheWholeExpression()
    {
        var error = EvalFailure("States.Format('{}', States.Format('{}', $.nope))", """{"other":1}""");

        error.Cause.Should().Be(
            "The function 'States.Format('{}', States.Format('{}', $.nope))' had the following error: " +
            "The JsonPath argument for the field '$.nope' could not be found in the input '{\"other\":1}'");
    }

    [Fact]
    public void MissingContextPath_ShowsTheContextObject()
    {
        var act = () => Eval("States.Array($$.Execution.Nope)", context: """{"Execution":{"Id":"x"}}""");

        act.Should().Throw<StatesErrorException>().Which.Cause.Should().EndWith(
            "The JsonPath argument for the field '$$.Execution.Nope' could not be found in the input '{\"Execution\":{\"Id\":\"x\"}}'");
    }

    [Fact]
    public void MissingVariable_IsARuntimeError()
    {
        var act = () => Eval("States.Array($missing)");

        act.Should().Throw<StatesErrorException>().Which.Error.Should().Be(StatesErrorNames.Runtime);
    }

    [Fact]
    public void ExplicitNull_IsNotMissing() =>
        EvalString("States.Format('{}', $.nul)", """{"nul":null}""").Should().Be("null");

    [Fact]
    public void RuntimeErrors_AreStatesRuntime_NeverIntrinsicFailure()
    {
        var error = EvalFailure("States.MathAdd($.a, 1)", """{"a":"NOT A NUMBER"}""");

        error.Error.Should().Be(StatesErrorNames.Runtime);
        error.Cause.Should().Contain("Invalid arguments in States.MathAdd");
        error.InnerException.Should().NotBeNull();
    }

    [Fact]
    public void Evaluate_IsSafeFromManyThreads()
    {
        var call = IntrinsicFunctionCall.Parse("States.Hash(States.Format('{}:{}', $.a, States.UUID()), 'SHA-256')");
        var scope = new PathScope(ParseJson("""{"a":"x"}"""), JsonObject.Empty);

        var results = new System.Collections.Concurrent.ConcurrentBag<string>();
        Parallel.For(0, 200, _ =>
        {
            var local = scope;
            results.Add(((JsonString)call.Evaluate(in local)).Value);
        });

        results.Should().HaveCount(200).And.OnlyHaveUniqueItems().And.AllSatisfy(h => h.Should().HaveLength(64));
    }
}
