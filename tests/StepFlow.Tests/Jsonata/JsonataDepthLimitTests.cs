using StepFlow.Json;
using StepFlow.Jsonata;

namespace StepFlow.Tests.Jsonata;

/// <summary>
/// Issue #12: no expression and no value can overflow the stack. Operator chains of any length work; nesting deeper
/// than <see cref="JsonataOptions.MaxNestingDepth"/> fails to compile, and values nested too deeply for a built-in to
/// walk fail with U1001. Everything runs on a 256 KiB stack.
/// </summary>
public sealed class JsonataDepthLimitTests
{
    private static string Repeat(string part, int count, string separator = "") => string.Join(separator, Enumerable.Repeat(part, count));

    private static JsonValue? EvalOnSmallStack(string expression, JsonValue? input = null, JsonataOptions? options = null) =>
        SmallStack.Run(() => JsonataExpression.Compile(expression, options).Evaluate(input));

    private static JsonataException FailureOnSmallStack(string expression, JsonValue? input = null, JsonataOptions? options = null) =>
        Assert.Throws<JsonataException>(() => EvalOnSmallStack(expression, input, options));

    [Fact]
    public void AdditionChain_OfFiveThousandTerms_Evaluates()
    {
        EvalOnSmallStack(Repeat("1", 5000, "+")).Should().Be(JsonValue.From(5000));
    }

    [Theory]
    [InlineData(" and ", "true", "true")]
    [InlineData(" or ", "false", "false")]
    [InlineData(" & ", "'a'", null)]
    [InlineData(" * ", "1", "1")]
    [InlineData(" - ", "0", "0")]
    [InlineData(" = ", "true", "true")]
    public void OperatorChain_OfFiveThousandTerms_Evaluates(string op, string term, string? expected)
    {
        var result = EvalOnSmallStack(Repeat(term, 5000, op));

        if (expected is null)
        {
            ((JsonString)result!).Value.Should().Be(new string('a', 5000));
        }
        else
        {
            result.Should().Be(JsonValue.Parse(expected));
        }
    }

    [Fact]
    public void PathChain_OfFiveThousandSteps_Evaluates()
    {
        EvalOnSmallStack(Repeat("a", 5000, "."), JsonValue.Parse("""{"a":{"a":1}}""")).Should().BeNull();
    }

    [Fact]
    public void PredicateChain_OfFiveThousandStages_Evaluates()
    {
        EvalOnSmallStack("[1,2,3]" + Repeat("[0]", 5000)).Should().Be(JsonValue.From(1));
    }

    [Fact]
    public void ApplyChain_OfFiveThousandFunctions_Evaluates()
    {
        EvalOnSmallStack("'a'" + Repeat(" ~> $uppercase()", 5000)).Should().Be(JsonValue.From("A"));
    }

    [Fact]
    public void ChainOfFunctionValues_OfFiveThousandLinks_EndsInU1001OrAValue()
    {
        // $uppercase ~> $trim ~> ... composes functions; calling the composition nests one call per link.
        var outcome = Outcome(() => EvalOnSmallStack("($f := $uppercase" + Repeat(" ~> $trim", 5000) + "; $f('a'))"));

        outcome.Should().BeOneOf("\"A\"", "U1001");
    }

    [Theory]
    [InlineData("(", "1", ")")]
    [InlineData("[", "1", "]")]
    [InlineData("{'a':", "1", "}")]
    [InlineData("-", "1", "")]
    [InlineData("$abs(", "1", ")")]
    [InlineData("true ? ", "1", " : 0")]
    [InlineData("function($x){", "1", "}")]
    [InlineData("$a := ", "1", "")]
    [InlineData("a ?? ", "1", "")]
    [InlineData("[1][", "0", "]")]
    public void Nesting_DeeperThanTheLimit_FailsToCompileWithU1001(string open, string inner, string close)
    {
        var expression = Repeat(open, 20_000) + inner + Repeat(close, 20_000);

        var onSmallStack = Assert.Throws<JsonataException>(() => SmallStack.Run(() => JsonataExpression.Compile(expression)));
        var onPoolThread = Assert.Throws<JsonataException>(() => Task.Run(() => JsonataExpression.Compile(expression)).GetAwaiter().GetResult());

        onSmallStack.Code.Should().Be("U1001");
        onSmallStack.Message.Should().Contain("nested");
        onPoolThread.Code.Should().Be("U1001");
        onPoolThread.Message.Should().Be("The expression is nested more than 500 levels deep");
    }

    [Theory]
    [InlineData("(", "1", ")")]
    [InlineData("[", "1", "]")]
    [InlineData("{'a':", "1", "}")]
    [InlineData("$append(", "1", ", [])")]
    [InlineData("true ? ", "1", " : 0")]
    public async Task Nesting_AtTheLimit_CompilesAndEvaluatesOnAPoolThread_AndEndsInAValueOrU1001OnASmallStack(string open, string inner, string close)
    {
        // The top level is the first of the 500 levels.
        var expression = Repeat(open, 499) + inner + Repeat(close, 499);

        var result = await Task.Run(() => JsonataExpression.Compile(expression).Evaluate(null));

        result.Should().NotBeNull();
        Outcome(() => EvalOnSmallStack(expression)).Should().BeOneOf(result!.ToJsonString(), "U1001");
    }

    [Fact]
    public void MaxNestingDepth_IsAnOption()
    {
        var options = new JsonataOptions { MaxNestingDepth = 10 };

        Assert.Throws<JsonataException>(() => JsonataExpression.Compile(Repeat("[", 11) + Repeat("]", 11), options)).Code.Should().Be("U1001");
        JsonataExpression.Compile(Repeat("[", 5) + Repeat("]", 5), options).Should().NotBeNull();
    }

    [Fact]
    public void Eval_OfADeeplyNestedExpression_FailsWithAJsonataError()
    {
        var error = FailureOnSmallStack("$eval($x)", null, null, ("x", Repeat("(", 20_000) + "1" + Repeat(")", 20_000)));

        error.Code.Should().Be("D3120");
    }

    /// <summary>Binds <c>$v</c> to a value nested 20,000 deep, built in constant stack by a tail-recursive function.</summary>
    private static string Deep(string kind, string use, int depth = 20_000) =>
        (kind == "array"
            ? "($deep := function($n, $a){ $n = 0 ? $a : $deep($n - 1, [[$a]]) }; "
            : "($deep := function($n, $a){ $n = 0 ? $a : $deep($n - 1, {'a': $a}) }; ")
        + $"$v := $deep({depth}, 1); {use})";

    [Theory]
    [InlineData("array", "$v")]
    [InlineData("array", "$string($v)")]
    [InlineData("array", "$v = $deep(20000, 1)")]
    [InlineData("array", "$boolean($v)")]
    [InlineData("array", "$count($v.*)")]
    [InlineData("array", "$count($v.**)")]
    [InlineData("array", "$v.a")]
    [InlineData("array", "$lookup($v, 'a')")]
    [InlineData("array", "$spread($v)")]
    [InlineData("array", "$distinct([[$v], [$deep(20000, 1)]])")]
    [InlineData("array", "{'a': $v} ~> |$|{}|")]
    [InlineData("object", "$string($v)")]
    [InlineData("object", "$v = $deep(20000, 1)")]
    [InlineData("object", "$count($v.**)")]
    [InlineData("object", "$v ~> |**|{'b': 1}|")]
    public void DeeplyNestedValue_EndsInU1001(string kind, string use)
    {
        var error = FailureOnSmallStack(Deep(kind, use));

        error.Code.Should().Be("U1001");
    }

    [Fact]
    public void ModeratelyNestedValue_StillWorks()
    {
        var text = ((JsonString)EvalOnSmallStack(Deep("array", "$string($v)", 100))!).Value;

        // The first wrap adds two levels ([[1]]), each later one a level.
        text.Should().Be(new string('[', 101) + "1" + new string(']', 101));
    }

    private static JsonataException FailureOnSmallStack(string expression, JsonValue? input, JsonataOptions? options, (string Name, string Value) binding) =>
        Assert.Throws<JsonataException>(() => SmallStack.Run(() => JsonataExpression.Compile(expression, options)
            .Evaluate(input, new Dictionary<string, JsonValue> { [binding.Name] = JsonValue.From(binding.Value) })));

    private static string Outcome(Func<JsonValue?> evaluate)
    {
        try
        {
            return evaluate()?.ToJsonString() ?? "undefined";
        }
        catch (JsonataException e)
        {
            return e.Code;
        }
    }
}
