using StepFlow.Errors;
using StepFlow.Execution;
using StepFlow.Json;
using StepFlow.Parsing;
using StepFlow.Persistence;

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

        var diagnostics = StateMachine.Validate(Machine(expression));

        var diagnostic = diagnostics.Should().ContainSingle().Which;
        diagnostic.Code.Should().Be(DiagnosticCodes.SchemaValidationFailed);
        diagnostic.Location.Should().Be("/States/P/Output");
        diagnostic.Message.Should().Contain("U1001").And.Contain("nested more than 500 levels");
        diagnostic.Message.Length.Should().BeLessThan(1200, "the message quotes the first 1,000 characters of a 40,000-character expression");
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
    [InlineData("$reduce([1..600], function($acc, $v){ [[$acc]] }, [])")]
    [InlineData("$reduce([1..600], function($acc, $v){ {'a': $acc} }, {})")]
    public async Task Run_HostileExpression_FailsWithQueryEvaluationError(string expression)
    {
        var result = await EngineTestHost.RunAsync(Machine(expression));

        result.Status.Should().Be(ExecutionStatus.Failed);
        result.Error.Should().Be(StatesErrorNames.QueryEvaluationError);
        result.Cause.Should().Contain("U1001");
    }

    [Fact]
    public async Task EngineOptions_SetTheJsonataSizeLimit_ForEveryField()
    {
        const string expression = "$pad('x', 20000)";

        var byDefault = await EngineTestHost.RunAsync(Machine(expression));
        var limited = await EngineTestHost.RunAsync(Machine(expression), configure: b => b.UseOptions(new EngineOptions { JsonataSizeLimit = 10_000 }));

        byDefault.Status.Should().Be(ExecutionStatus.Succeeded);
        limited.Status.Should().Be(ExecutionStatus.Failed);
        limited.Error.Should().Be(StatesErrorNames.QueryEvaluationError);
        limited.Cause.Should().Contain("size limit");
    }

    [Fact]
    public async Task EngineOptions_SetTheJsonataTimeLimit_AsThreadCpuTime()
    {
        var machine = Machine("($f := function($n){ $f($n + 1) }; $f(0))");

        var result = await EngineTestHost.RunAsync(machine, configure: b => b.UseOptions(new EngineOptions { JsonataTimeLimit = TimeSpan.FromMilliseconds(50) }));

        result.Error.Should().Be(StatesErrorNames.QueryEvaluationError);
        result.Cause.Should().Contain("timeout");
        new EngineOptions().JsonataTimeLimit.Should().Be(TimeSpan.FromSeconds(1));
    }
}
