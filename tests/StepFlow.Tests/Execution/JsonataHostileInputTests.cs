using StepFlow.Errors;
using StepFlow.Execution;
using StepFlow.Json;
using StepFlow.Parsing;

namespace StepFlow.Tests.Execution;

/// <summary>Issue #12: a hostile JSONata field is a definition diagnostic or a States.QueryEvaluationError, never a crash.</summary>
public sealed class JsonataHostileInputTests
{
    private static string Machine(string expression) =>
        "{\"QueryLanguage\":\"JSONata\",\"StartAt\":\"P\",\"States\":{\"P\":{\"Type\":\"Pass\",\"Output\":\"{% " + expression + " %}\",\"End\":true}}}";

    [Fact]
    public void Validate_DeeplyNestedExpression_IsASchemaDiagnosticNamingTheField()
    {
        var expression = new string('(', 20_000) + "1" + new string(')', 20_000);

        var diagnostics = StepFlow.Definition.StateMachine.Validate(Machine(expression));

        var diagnostic = diagnostics.Should().ContainSingle().Which;
        diagnostic.Code.Should().Be(DiagnosticCodes.SchemaValidationFailed);
        diagnostic.Location.Should().Be("/States/P/Output");
        diagnostic.Message.Should().Contain("U1001").And.Contain("nested more than 500 levels");
    }

    [Fact]
    public async Task Run_ChainOfFiveThousandTerms_Succeeds()
    {
        var result = await EngineTestHost.RunAsync(Machine(string.Join("+", Enumerable.Repeat("1", 5000))));

        result.Status.Should().Be(ExecutionStatus.Succeeded);
        result.Output.Should().Be(JsonValue.From(5000));
    }

    [Theory]
    [InlineData("$pad('x', 1e9)")]
    [InlineData("$join($map([1..1000], function($v){ $pad('', 100000) }))")]
    [InlineData("($deep := function($n, $a){ $n = 0 ? $a : $deep($n - 1, [[$a]]) }; $string($deep(20000, 1)))")]
    public async Task Run_HostileExpression_FailsWithQueryEvaluationError(string expression)
    {
        var result = await EngineTestHost.RunAsync(Machine(expression));

        result.Status.Should().Be(ExecutionStatus.Failed);
        result.Error.Should().Be(StatesErrorNames.QueryEvaluationError);
        result.Cause.Should().Contain("U1001");
    }
}
