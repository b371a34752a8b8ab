using StepFlow.Json;
using static StepFlow.Tests.Intrinsics.IntrinsicTestSupport;

namespace StepFlow.Tests.Intrinsics;

public sealed class JsonFunctionTests
{
    [Theory]
    [InlineData("\"\"", "null")]
    [InlineData("\" \"", "null")]
    [InlineData("\"null\"", "null")]
    [InlineData("\"1\"", "1")]
    [InlineData("\"1.1\"", "1.1")]
    [InlineData("\"true\"", "true")]
    [InlineData("\"[1, 2, \\\"HelloWorld\\\"]\"", "[1,2,\"HelloWorld\"]")]
    [InlineData("\"{\\\"Arg1\\\": 1, \\\"Arg2\\\": []}\"", "{\"Arg1\":1,\"Arg2\":[]}")]
    [InlineData("\" {\\\"a\\\" : 1} \"", "{\"a\":1}")]
    public void StringToJson_ParsesTheString(string value, string expected) =>
        Eval("States.StringToJson($.s)", $$"""{"s":{{value}}}""").Should().Be(ParseJson(expected));

    [Fact]
    public void StringToJson_OfALiteralWithBraces_Works() =>
        Eval("""States.StringToJson('{"constant_in_literal": "false"}')""").Should().Be(ParseJson("""{"constant_in_literal":"false"}"""));

    [Theory]
    [InlineData("\"{bad\"")]
    [InlineData("\"[1,]\"")]
    [InlineData("\"1 2\"")]
    [InlineData("{\"a\":1}")]
    [InlineData("5")]
    public void StringToJson_RejectsInvalidJsonAndNonStrings(string value) =>
        EvalFailureDetail("States.StringToJson($.s)", $$"""{"s":{{value}}}""").Should().Be("Invalid arguments in States.StringToJson");

    [Theory]
    [InlineData("null", "null")]
    [InlineData("0", "0")]
    [InlineData("1.1", "1.1")]
    [InlineData("true", "true")]
    [InlineData("\"a\\\"b\"", "\"a\\\"b\"")]
    [InlineData("[1, 2, \"HelloWorld\"]", "[1,2,\"HelloWorld\"]")]
    [InlineData("{\"Arg1\": 1, \"Arg2\": []}", "{\"Arg1\":1,\"Arg2\":[]}")]
    [InlineData("{\"z\": 1, \"a\": {\"y\": [true, null]}}", "{\"z\":1,\"a\":{\"y\":[true,null]}}")]
    public void JsonToString_WritesCompactJson_KeepingMemberOrder(string value, string expected) =>
        EvalString("States.JsonToString($.v)", $$"""{"v":{{value}}}""").Should().Be(expected);

    [Fact]
    public void JsonToString_ThenStringToJson_RoundTrips()
    {
        const string input = """{"v":{"a":[1,2.5,"x",{"b":null}]}}""";

        Eval("States.StringToJson(States.JsonToString($.v))", input).Should().Be(((JsonObject)ParseJson(input))["v"]);
    }

    [Fact]
    public void JsonMerge_IsShallow_SecondObjectWins()
    {
        const string input = """{"fst":{"a":{"a1":1,"a2":2},"b":2,"d":3},"snd":{"a":{"a3":1,"a4":2},"c":3,"d":4}}""";

        var result = Eval("States.JsonMerge($.fst, $.snd, false)", input);

        result.Should().Be(ParseJson("""{"a":{"a3":1,"a4":2},"b":2,"c":3,"d":4}"""));
        result.ToJsonString().Should().Be("""{"a":{"a3":1,"a4":2},"b":2,"d":4,"c":3}""");
    }

    [Fact]
    public void JsonMerge_OfAParsedLiteralAndAContextPath()
    {
        var result = Eval(
            """States.JsonMerge(States.StringToJson('{"constant_in_literal": "false"}'), $$.Execution.Input.input_field, false)""",
            context: """{"Execution":{"Input":{"input_field":{"constant_input_field":"constant_value"}}}}""");

        result.Should().Be(ParseJson("""{"constant_in_literal":"false","constant_input_field":"constant_value"}"""));
    }

    [Fact]
    public void JsonMerge_WithManyMembers_ReplacesInPlace()
    {
        var left = "{" + string.Join(",", Enumerable.Range(0, 20).Select(i => $"\"k{i}\":{i}")) + "}";
        var right = """{"k3":"three","k19":"nineteen","new":true}""";

        var result = (JsonObject)Eval("States.JsonMerge($.l, $.r, false)", $$"""{"l":{{left}},"r":{{right}}}""");

        result.Count.Should().Be(21);
        result["k3"].Should().Be(JsonValue.From("three"));
        result[3].Key.Should().Be("k3");
        result[20].Key.Should().Be("new");
    }

    [Theory]
    [InlineData("States.JsonMerge($.o, $.o, true)")]
    [InlineData("States.JsonMerge($.o, $.o, 'false')")]
    [InlineData("States.JsonMerge($.o, $.o, null)")]
    [InlineData("States.JsonMerge($.o, $.a, false)")]
    [InlineData("States.JsonMerge($.a, $.o, false)")]
    [InlineData("States.JsonMerge('{}', $.o, false)")]
    public void JsonMerge_RejectsDeepMergeAndNonObjects(string call) =>
        EvalFailureDetail(call, """{"o":{"x":1},"a":[1]}""").Should().Be("Invalid arguments in States.JsonMerge");
}
