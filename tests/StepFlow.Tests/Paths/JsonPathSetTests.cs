using StepFlow.Errors;
using StepFlow.Json;
using StepFlow.Paths;

namespace StepFlow.Tests.Paths;

public sealed class JsonPathSetTests
{
    [Theory]
    [InlineData("$", "{\"a\":1}", "{\"r\":true}")]
    [InlineData("$.a", "{\"a\":1,\"b\":2}", "{\"a\":{\"r\":true},\"b\":2}")]
    [InlineData("$.new", "{\"a\":1}", "{\"a\":1,\"new\":{\"r\":true}}")]
    [InlineData("$.master.result.sum", "{\"a\":1}", "{\"a\":1,\"master\":{\"result\":{\"sum\":{\"r\":true}}}}")]
    [InlineData("$.list[1]", "{\"list\":[1,2,3]}", "{\"list\":[1,{\"r\":true},3]}")]
    [InlineData("$.list[-1].x", "{\"list\":[1,{\"y\":0}]}", "{\"list\":[1,{\"y\":0,\"x\":{\"r\":true}}]}")]
    [InlineData("$['odd name']", "{}", "{\"odd name\":{\"r\":true}}")]
    public void Set_PlacesTheValue_CreatingMissingObjects(string text, string input, string expected)
    {
        var result = JsonPath.Parse(text).Set(JsonValue.Parse(input), JsonValue.Parse("{\"r\":true}"));

        result.Should().Be(JsonValue.Parse(expected));
    }

    [Fact]
    public void Set_KeepsMemberOrder_WhenReplacing()
    {
        var result = (JsonObject)JsonPath.Parse("$.a").Set(JsonValue.Parse("{\"a\":1,\"b\":2}"), JsonValue.From(9));

        result.Keys.Should().Equal("a", "b");
    }

    [Fact]
    public void Set_RebuildsOnlyTheSpine_AndSharesEverythingElse()
    {
        var input = (JsonObject)JsonValue.Parse("""{"keep":{"big":[1,2,3]},"x":{"inner":{"v":1},"other":[true]}}""");

        var result = (JsonObject)JsonPath.Parse("$.x.inner.v").Set(input, JsonValue.From(2));

        result["keep"].Should().BeSameAs(input["keep"]);
        ((JsonObject)result["x"])["other"].Should().BeSameAs(((JsonObject)input["x"])["other"]);
        ((JsonValue)input).Should().Be(JsonValue.Parse("""{"keep":{"big":[1,2,3]},"x":{"inner":{"v":1},"other":[true]}}"""), "the input is never mutated");
    }

    [Theory]
    [InlineData("$.x", "\"foo\"", "the value at $ is a string, not an object, so ['x'] cannot be set")]
    [InlineData("$.a.b", "{\"a\":5}", "the value at $['a'] is a number, not an object, so ['b'] cannot be set")]
    [InlineData("$.a[0]", "{\"a\":{}}", "the value at $['a'] is an object, not an array, so [0] cannot be set")]
    [InlineData("$.a[5]", "{\"a\":[1,2]}", "the value at $['a'] has 2 items, so [5] cannot be set")]
    [InlineData("$.n[0]", "{}", "the value at $['n'] is an object, not an array")]
    public void Set_CannotApply_ThrowsResultPathMatchFailure(string text, string input, string cause)
    {
        var act = () => JsonPath.Parse(text).Set(JsonValue.Parse(input), JsonValue.From(1));

        var error = act.Should().Throw<StatesErrorException>().Which;
        error.Error.Should().Be(StatesErrorNames.ResultPathMatchFailure);
        error.Cause.Should().StartWith($"Unable to apply ResultPath '{text}'").And.Contain(cause);
    }

    [Fact]
    public void Set_OnAnIndefinitePath_IsApiMisuse()
    {
        var act = () => JsonPath.Parse("$.a[*]").Set(JsonObject.Empty, JsonValue.From(1));

        act.Should().Throw<InvalidOperationException>();
    }
}
