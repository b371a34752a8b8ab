using StepFlow.Variables;
using StepFlow.Json;
using static StepFlow.Tests.Intrinsics.IntrinsicTestSupport;

namespace StepFlow.Tests.Intrinsics;

public sealed class FormatTests
{
    [Theory]
    [InlineData("\"HelloWorld\"", "Formatting argument HelloWorld.")]
    [InlineData("null", "Formatting argument null.")]
    [InlineData("1", "Formatting argument 1.")]
    [InlineData("1.1", "Formatting argument 1.1.")]
    [InlineData("1.0", "Formatting argument 1.0.")]
    [InlineData("-2e3", "Formatting argument -2e3.")]
    [InlineData("true", "Formatting argument true.")]
    [InlineData("\" \"", "Formatting argument  .")]
    [InlineData("\"{\\\"Arg1\\\": 1, \\\"Arg2\\\": []}\"", "Formatting argument {\"Arg1\": 1, \"Arg2\": []}.")]
    public void Format_WritesScalarsAsText(string value, string expected) =>
        EvalString("States.Format('Formatting argument {}.', $.v)", $$"""{"v":{{value}}}""").Should().Be(expected);

    [Fact]
    public void Format_WritesContainersInJavaNotation() =>
        EvalString("States.Format('fst={} and snd={}.', $.o, $.a)", """{"o":{"Arg1":1,"Arg2":[],"s":"x y","n":null},"a":[1,"b",{"c":true}]}""")
            .Should().Be("fst={Arg1=1, Arg2=[], s=x y, n=null} and snd=[1, b, {c=true}].");

    [Fact]
    public void Format_WithoutPlaceholders_ReturnsTheTemplate() =>
        EvalString("States.Format('no placeholders')").Should().Be("no placeholders");

    [Fact]
    public void Format_EscapedBraces_AreNotPlaceholders() =>
        EvalString(@"States.Format('\{\} is literal, {} is not', 'this')").Should().Be("{} is literal, this is not");

    [Fact]
    public void Format_LoneBraces_AreKeptAsText() =>
        EvalString("States.Format('{ a } {} }{', 1)").Should().Be("{ a } 1 }{");

    [Fact]
    public void Format_TemplateFromAPath_AndArgumentFromAVariable()
    {
        var variables = VariableScope.Empty.Assign([new("AnswerTemplate", JsonValue.From("It's {}!"))]);

        var result = Eval("States.Format($AnswerTemplate, $$.Map.Item.Value)", context: """{"Map":{"Item":{"Value":"Pikachu"}}}""", variables: variables);

        result.Should().Be(JsonValue.From("It's Pikachu!"));
    }

    [Fact]
    public void Format_TemplateFromAPath_TreatsEveryPairAsAPlaceholder() =>
        EvalString("States.Format($.t, 1, 2)", """{"t":"{}+{}"}""").Should().Be("1+2");

    [Fact]
    public void Format_Nested() =>
        EvalString("States.Format('{}-{}', States.Format('<{}>', $.a), States.ArrayLength($.b))", """{"a":"x","b":[1,2]}""")
            .Should().Be("<x>-2");

    [Theory]
    [InlineData("States.Format('{} {}', 1)")]
    [InlineData("States.Format('{}', 1, 2)")]
    [InlineData(@"States.Format('\{}', 1)")]
    public void Format_RejectsAnArgumentCountThatDoesNotMatch(string call) =>
        EvalFailureDetail(call).Should().Be("Invalid arguments in States.Format: number of arguments do not match the occurrences of {}.");

    [Theory]
    [InlineData("States.Format($.n)")]
    [InlineData("States.Format(1)")]
    [InlineData("States.Format(null)")]
    public void Format_RejectsANonStringTemplate(string call) =>
        EvalFailureDetail(call, """{"n":{"a":1}}""").Should().Be("Invalid arguments in States.Format");

    [Fact]
    public void Format_ArgumentsMayHoldReservedCharacters() =>
        EvalString(@"States.Format('Hello {}, welcome to {}!', $.name, 'it\'s \\ \{here\}')", """{"name":"John"}""")
            .Should().Be(@"Hello John, welcome to it's \ {here}!");
}
