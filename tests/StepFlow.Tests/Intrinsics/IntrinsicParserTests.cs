using StepFlow.Intrinsics;
using StepFlow.Json;
using StepFlow.Parsing;
using static StepFlow.Tests.Intrinsics.IntrinsicTestSupport;

namespace StepFlow.Tests.Intrinsics;

public sealed class IntrinsicParserTests
{
    [Theory]
    [InlineData("States.Format('x')", true)]
    [InlineData("States.UUID()", true)]
    [InlineData("$.States.Format", false)]
    [InlineData("States.Format", false)]
    [InlineData("states.Format('x')", false)]
    [InlineData("Format('x')", false)]
    public void LooksLikeIntrinsic_NeedsThePrefixAndAParenthesis(string text, bool expected) =>
        IntrinsicFunctionCall.LooksLikeIntrinsic(text).Should().Be(expected);

    [Fact]
    public void Parse_KeepsTextAndFunctionName()
    {
        const string text = "States.Array( 1 ,  'a' )";
        var call = IntrinsicFunctionCall.Parse(text);

        call.Text.Should().Be(text);
        call.FunctionName.Should().Be("States.Array");
        call.ToString().Should().Be(text);
    }

    [Fact]
    public void Literals_NumbersBooleansNullAndStrings()
    {
        var result = Eval("States.Array(1, -2, 1.5, 2e3, true, false, null, 'text', '')");

        result.Should().Be(ParseJson("""[1, -2, 1.5, 2000, true, false, null, "text", ""]"""));
    }

    [Fact]
    public void Whitespace_AroundArgumentsAndParentheses_IsAllowed()
    {
        Eval("  States.Array (\n\t1 ,\r\n 'b'  )  ").Should().Be(ParseJson("""[1, "b"]"""));
    }

    [Fact]
    public void StringLiteral_Escapes_AreDecoded()
    {
        var result = Eval(@"States.Array('it\'s', 'a \{ b \} c', 'back\\slash')");

        result.Should().Be(JsonArray.Create([
            JsonValue.From("it's"),
            JsonValue.From("a { b } c"),
            JsonValue.From("back\\slash"),
        ]));
    }

    [Fact]
    public void StringLiteral_MayHoldCommasParenthesesDollarsAndDoubleQuotes()
    {
        Eval("""States.Array('a, b) $.c "d"')""").Should().Be(JsonArray.Create([JsonValue.From("a, b) $.c \"d\"")]));
    }

    [Fact]
    public void StringLiteral_WithRawNewlines_IsKept()
    {
        // The recorded AWS case splits 'Hello<LF>World' on '<LF>' written as real newline characters.
        Eval("States.StringSplit('Hello\nWorld', '\n')").Should().Be(ParseJson("""["Hello", "World"]"""));
    }

    [Fact]
    public void InvalidEscape_ParsesButFailsAtRunTime_AsAwsDescribes()
    {
        IntrinsicFunctionCall.TryParse(@"States.Format('a\nb')", out var call, out _).Should().BeTrue();
        call.Should().NotBeNull();

        var detail = EvalFailureDetail(@"States.Format('a\nb')");
        detail.Should().Contain(@"'\n'").And.Contain("position 15");
    }

    [Fact]
    public void Paths_InputContextAndVariable()
    {
        var variables = StepFlow.Variables.VariableScope.Empty.Assign([new("who", JsonValue.From("var"))]);

        var result = Eval("States.Array($.a, $$.Execution.Name, $who)", """{"a":"input"}""", """{"Execution":{"Name":"ctx"}}""", variables);

        result.Should().Be(ParseJson("""["input", "ctx", "var"]"""));
    }

    [Fact]
    public void NestedCalls_EvaluateInsideOut()
    {
        var result = Eval(
            "States.ArrayGetItem(States.StringSplit($$.StateMachine.Name, '-'), States.MathAdd(States.ArrayLength(States.StringSplit($$.StateMachine.Name, '-')), -1))",
            context: """{"StateMachine":{"Name":"my-state-machine"}}""");

        result.Should().Be(JsonValue.From("machine"));
    }

    [Fact]
    public void Nesting_OfTenCalls_IsAccepted_AndElevenIsRejected()
    {
        static string Nest(int depth) =>
            depth == 1 ? "States.Array(1)" : $"States.Array({Nest(depth - 1)})";

        IntrinsicFunctionCall.TryParse(Nest(10), out _, out _).Should().BeTrue();
        Eval(Nest(10)).Should().Be(ParseJson("[[[[[[[[[[1]]]]]]]]]]"));

        var error = ParseError(Nest(11));
        error.Should().Contain("nested more than 10 deep").And.Contain("position 131");
    }

    [Fact]
    public void UnknownFunction_IsRejectedWithItsPosition()
    {
        var error = ParseError("States.Array(States.Nope(1))");

        error.Should().Contain("unknown intrinsic function 'States.Nope'").And.Contain("position 14");
    }

    [Theory]
    [InlineData("States.UUID(1)", "States.UUID takes exactly 0 arguments but was given 1", 1)]
    [InlineData("States.MathAdd(1)", "States.MathAdd takes exactly 2 arguments but was given 1", 1)]
    [InlineData("States.MathRandom(1, 2, 3, 4)", "States.MathRandom takes 2 to 3 arguments but was given 4", 1)]
    [InlineData("States.Format()", "States.Format takes at least 1 argument but was given 0", 1)]
    [InlineData("States.Array(States.JsonMerge($.a, $.b))", "States.JsonMerge takes exactly 3 arguments but was given 2", 14)]
    public void Arity_IsCheckedAtParseTime(string text, string message, int position)
    {
        var error = ParseError(text);

        error.Should().Contain(message).And.Contain($"at position {position}.");
    }

    [Theory]
    [InlineData("Foo.Bar(1)", "is not an intrinsic function", 1)]
    [InlineData("States.Array(1", "missing ')'", 15)]
    [InlineData("States.Array(1 2)", "expected ',' or ')' but found '2'", 16)]
    [InlineData("States.Array(1,)", "unexpected ')'", 16)]
    [InlineData("States.Array('abc)", "not closed", 14)]
    [InlineData("States.Array(1) x", "after the end of the call", 17)]
    [InlineData("States.Array(01)", "'01' is not a valid number", 14)]
    [InlineData("States.Array(1.)", "'1.' is not a valid number", 14)]
    [InlineData("States.Array(yes)", "unexpected 'yes'", 14)]
    [InlineData("States.Array(#)", "unexpected '#'", 14)]
    [InlineData("States.Format", "expected '(' after 'States.Format'", 14)]
    [InlineData("", "expected an intrinsic function", 1)]
    public void SyntaxErrors_NameTheProblemAndPosition(string text, string message, int position)
    {
        var error = ParseError(text);

        error.Should().Contain(message).And.Contain($"at position {position}.");
    }

    [Fact]
    public void Parse_Throws_FormatException_WithTheMessage()
    {
        var act = () => IntrinsicFunctionCall.Parse("States.Nope()");

        act.Should().Throw<FormatException>().WithMessage("*unknown intrinsic function 'States.Nope' at position 1*");
    }

    [Fact]
    public void BareWord_IsAParseError() =>
        ParseError("States.Array(abc, $)").Should().Contain("unexpected 'abc'");

    [Fact]
    public void InvalidPathArgument_IsAParseError()
    {
        var error = ParseError("States.Array(1, $a[)");
        error.Should().Contain("invalid path '$a[)'").And.Contain("at position 17");
    }

    [Fact]
    public void ACompiledCall_CanBeEvaluatedManyTimes_AgainstDifferentInputs()
    {
        var call = IntrinsicFunctionCall.Parse("States.Format('n={}', $.n)");

        for (var n = 0; n < 3; n++)
        {
            var scope = new StepFlow.Paths.PathScope(ParseJson($$"""{"n":{{n}}}"""), JsonObject.Empty);
            call.Evaluate(in scope).Should().Be(JsonValue.From($"n={n}"));
        }
    }
}
