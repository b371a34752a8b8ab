using StepFlow.Json;
using static StepFlow.Tests.Intrinsics.IntrinsicTestSupport;

namespace StepFlow.Tests.Intrinsics;

public sealed class StringSplitTests
{
    [Theory]
    [InlineData(" , ", ",", """[" "," "]""")]
    [InlineData(", , ,", ",", """[" "," "]""")]
    [InlineData(",,,,", ",", "[]")]
    [InlineData("1,2,3,4,5", ",", """["1","2","3","4","5"]""")]
    [InlineData("This.is+a,test=string", ".+,=", """["This","is","a","test","string"]""")]
    [InlineData("split on T and \nnew line", "T\n", """["split on "," and ","new line"]""")]
    [InlineData("", ",", "[]")]
    [InlineData("no delimiter here", ",", """["no delimiter here"]""")]
    [InlineData("abc", "", """["abc"]""")]
    [InlineData("a--b", "--", """["a","b"]""")]
    public void StringSplit_SplitsOnEachDelimiterCharacter_DroppingEmptyTokens(string text, string delimiters, string expected)
    {
        var input = new JsonObjectBuilder().Set("s", JsonValue.From(text)).Set("d", JsonValue.From(delimiters)).Build().ToJsonString();

        Eval("States.StringSplit($.s, $.d)", input).Should().Be(ParseJson(expected));
    }

    [Fact]
    public void StringSplit_OfAMultilineContextValue_KeepsNewlinesInsideTokens()
    {
        var context = new JsonObjectBuilder()
            .Set("Execution", new JsonObjectBuilder()
                .Set("Input", new JsonObjectBuilder()
                    .Set("FunctionInput", JsonValue.From("Value1,Value2,Value3\nValue4,Value5,Value6\n,,,\ntrue,1,'HelloWorld'\nNull,None,\n   \n"))
                    .Build())
                .Build())
            .Build()
            .ToJsonString();

        var result = Eval("States.StringSplit($$.Execution.Input.FunctionInput, ',')", context: context);

        result.Should().Be(JsonArray.Create(new[]
        {
            "Value1", "Value2", "Value3\nValue4", "Value5", "Value6\n", "\ntrue", "1", "'HelloWorld'\nNull", "None", "\n   \n",
        }.Select(s => (JsonValue)JsonValue.From(s))));
    }

    [Theory]
    [InlineData("States.StringSplit($.n, ',')")]
    [InlineData("States.StringSplit('a,b', $.n)")]
    [InlineData("States.StringSplit($.a, ',')")]
    public void StringSplit_RejectsNonStrings(string call) =>
        EvalFailureDetail(call, """{"n":1,"a":["a,b"]}""").Should().Be("Invalid arguments in States.StringSplit");
}
