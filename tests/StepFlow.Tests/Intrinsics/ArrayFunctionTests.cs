using StepFlow.Json;
using static StepFlow.Tests.Intrinsics.IntrinsicTestSupport;

namespace StepFlow.Tests.Intrinsics;

public sealed class ArrayFunctionTests
{
    [Fact]
    public void Array_WithoutArguments_IsEmpty() => Eval("States.Array()").Should().Be(JsonArray.Empty);

    [Theory]
    [InlineData("""{"fst":"","snd":""}""", """["",""]""")]
    [InlineData("""{"fst":1.1,"snd":1}""", """[1.1,1]""")]
    [InlineData("""{"fst":{"a":[1]},"snd":null}""", """[{"a":[1]},null]""")]
    public void Array_KeepsArgumentValuesInOrder(string input, string expected) =>
        Eval("States.Array($.fst, $.snd)", input).Should().Be(ParseJson(expected));

    [Fact]
    public void Array_SharesTheArgumentValues_WithoutCopying()
    {
        var input = (JsonObject)ParseJson("""{"big":{"x":[1,2,3]}}""");
        var scope = new StepFlow.Paths.PathScope(input, JsonObject.Empty);

        var result = (JsonArray)StepFlow.Intrinsics.IntrinsicFunctionCall.Parse("States.Array($.big)").Evaluate(in scope);

        result[0].Should().BeSameAs(input["big"]);
    }

    [Theory]
    [InlineData("[]", 1, "[]")]
    [InlineData("[0,1]", 1, "[[0],[1]]")]
    [InlineData("[0,1]", 3, "[[0,1]]")]
    [InlineData("[0,1,2]", 2, "[[0,1],[2]]")]
    [InlineData("[0,1,2,3]", 2, "[[0,1],[2,3]]")]
    [InlineData("[0,1,2,3]", 5, "[[0,1,2,3]]")]
    [InlineData("[1,2,3,4,5,6,7]", 3, "[[1,2,3],[4,5,6],[7]]")]
    public void ArrayPartition_ChunksTheArray_LastChunkMaybeSmaller(string array, int size, string expected) =>
        Eval("States.ArrayPartition($.a, $.n)", $$"""{"a":{{array}},"n":{{size}}}""").Should().Be(ParseJson(expected));

    [Fact]
    public void ArrayPartition_RoundsANonIntegerSize() =>
        Eval("States.ArrayPartition($.a, 1.5)", """{"a":[1,2,3]}""").Should().Be(ParseJson("[[1,2],[3]]"));

    [Theory]
    [InlineData("States.ArrayPartition($.a, 0)")]
    [InlineData("States.ArrayPartition($.a, -1)")]
    [InlineData("States.ArrayPartition($.a, 0.49)")]
    [InlineData("States.ArrayPartition($.a, '2')")]
    [InlineData("States.ArrayPartition($.s, 2)")]
    public void ArrayPartition_RejectsBadArguments(string call) =>
        EvalFailureDetail(call, """{"a":[1,2,3],"s":"abc"}""").Should().Be("Invalid arguments in States.ArrayPartition");

    [Theory]
    [InlineData("[]", "null", false)]
    [InlineData("[]", "[]", false)]
    [InlineData("[[1,2,3],2]", "null", false)]
    [InlineData("[[1,2,3],2]", "[1,2,3]", true)]
    [InlineData("""[{"1":2,"2":[]}]""", "[]", false)]
    [InlineData("""[{"a":1,"b":[2]}]""", """{"b":[2],"a":1}""", true)]
    [InlineData("[true,false]", "false", true)]
    [InlineData("[1,2]", "2.0", true)]
    [InlineData("""["1"]""", "1", false)]
    public void ArrayContains_UsesDeepEquality(string array, string value, bool expected) =>
        Eval("States.ArrayContains($.a, $.v)", $$"""{"a":{{array}},"v":{{value}}}""").Should().Be(JsonValue.From(expected));

    [Fact]
    public void ArrayContains_RejectsANonArray() =>
        EvalFailureDetail("States.ArrayContains($.a, 1)", """{"a":{"x":1}}""").Should().Be("Invalid arguments in States.ArrayContains");

    [Theory]
    [InlineData(0, 9, 3, "[0,3,6,9]")]
    [InlineData(0, 10, 3, "[0,3,6,9]")]
    [InlineData(1, 9, 9, "[1]")]
    [InlineData(1, 9, 2, "[1,3,5,7,9]")]
    [InlineData(5, 5, 1, "[5]")]
    [InlineData(9, 1, -4, "[9,5,1]")]
    [InlineData(5, 1, 1, "[]")]
    [InlineData(-3, 3, 3, "[-3,0,3]")]
    public void ArrayRange_IncludesTheEndWhenOnTheStep(int start, int end, int step, string expected) =>
        Eval($"States.ArrayRange({start}, {end}, {step})").Should().Be(ParseJson(expected));

    [Fact]
    public void ArrayRange_RoundsNonIntegers() =>
        Eval("States.ArrayRange(0.5, 3.4, 1.2)").Should().Be(ParseJson("[1,2,3]"));

    [Fact]
    public void ArrayRange_AllowsExactly1000Items_AndNoMore()
    {
        var result = (JsonArray)Eval("States.ArrayRange(1, 1000, 1)");
        result.Count.Should().Be(1000);
        result[999].Should().Be(JsonValue.From(1000));

        EvalFailureDetail("States.ArrayRange(1, 1001, 1)").Should().Be("Invalid arguments in States.ArrayRange");
        EvalFailureDetail("States.ArrayRange(-9223372036854775808, 9223372036854775807, 1)").Should().Be("Invalid arguments in States.ArrayRange");
    }

    [Theory]
    [InlineData("States.ArrayRange(1, 5, 0)")]
    [InlineData("States.ArrayRange(1, 5, 0.4)")]
    [InlineData("States.ArrayRange('1', 5, 1)")]
    [InlineData("States.ArrayRange(1, null, 1)")]
    public void ArrayRange_RejectsBadArguments(string call) =>
        EvalFailureDetail(call).Should().Be("Invalid arguments in States.ArrayRange");

    [Theory]
    [InlineData(0, "\"a\"")]
    [InlineData(2, "[3]")]
    [InlineData(1.0, "{\"b\":2}")]
    public void ArrayGetItem_ReturnsTheItemAtAZeroBasedIndex(double index, string expected) =>
        Eval("States.ArrayGetItem($.a, $.i)", $$"""{"a":["a",{"b":2},[3]],"i":{{index.ToString(System.Globalization.CultureInfo.InvariantCulture)}}}""")
            .Should().Be(ParseJson(expected));

    [Theory]
    [InlineData("3")]
    [InlineData("-1")]
    [InlineData("1.5")]
    [InlineData("\"1\"")]
    public void ArrayGetItem_RejectsAnIndexOutOfRangeOrNotAnInteger(string index) =>
        EvalFailureDetail("States.ArrayGetItem($.a, $.i)", $$"""{"a":[1,2,3],"i":{{index}}}""").Should().Be("Invalid arguments in States.ArrayGetItem");

    [Theory]
    [InlineData("[]", 0)]
    [InlineData("[1,2,3,4,5,6,7,8,9]", 9)]
    [InlineData("[[1,2],{}]", 2)]
    public void ArrayLength_CountsTheItems(string array, int expected) =>
        Eval("States.ArrayLength($.a)", $$"""{"a":{{array}}}""").Should().Be(JsonValue.From(expected));

    [Theory]
    [InlineData("\"abc\"")]
    [InlineData("{}")]
    [InlineData("null")]
    public void ArrayLength_RejectsANonArray(string value) =>
        EvalFailureDetail("States.ArrayLength($.a)", $$"""{"a":{{value}}}""").Should().Be("Invalid arguments in States.ArrayLength");

    [Theory]
    [InlineData("[1,2,3,3,3,3,3,3,4]", "[1,2,3,4]")]
    [InlineData("[3,1,3,2,1]", "[3,1,2]")]
    [InlineData("""[{"a":1,"b":2},{"b":2,"a":1},[1],[1],"1",1,1.0]""", """[{"a":1,"b":2},[1],"1",1]""")]
    [InlineData("[null,null,true,true,false]", "[null,true,false]")]
    [InlineData("[]", "[]")]
    public void ArrayUnique_KeepsTheFirstOccurrence(string array, string expected) =>
        Eval("States.ArrayUnique($.a)", $$"""{"a":{{array}}}""").Should().Be(ParseJson(expected));

    [Fact]
    public void ArrayUnique_WithoutDuplicates_ReturnsTheSameArray()
    {
        var input = (JsonObject)ParseJson("""{"a":[1,2,3]}""");
        var scope = new StepFlow.Paths.PathScope(input, JsonObject.Empty);

        StepFlow.Intrinsics.IntrinsicFunctionCall.Parse("States.ArrayUnique($.a)").Evaluate(in scope).Should().BeSameAs(input["a"]);
    }
}
