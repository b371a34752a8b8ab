using StepFlow.Json;

namespace StepFlow.Tests.Json;

public sealed class JsonValueTests
{
    [Theory]
    [InlineData("{\"a\":1,\"b\":[true,false,null],\"c\":\"x\"}")]
    [InlineData("[1,2.5,-3,1E+20,\"\\u00e9\\n\"]")]
    [InlineData("\"plain\"")]
    public void Parse_ThenWrite_RoundTrips(string json)
    {
        var value = JsonValue.Parse(json);

        JsonValue.Parse(value.ToJsonString()).Should().Be(value);
    }

    [Fact]
    public void Parse_KeepsMemberOrder_AndLastDuplicateWins()
    {
        var value = (JsonObject)JsonValue.Parse("{\"b\":1,\"a\":2,\"b\":3}");

        value.Keys.Should().Equal("b", "a");
        value["b"].Should().Be(JsonValue.From(3));
    }

    [Fact]
    public void Equals_ComparesNumbersByValue_AndObjectsRegardlessOfOrder()
    {
        JsonValue.Parse("{\"x\":1.0,\"y\":[1]}").Should().Be(JsonValue.Parse("{\"y\":[1],\"x\":1}"));
        JsonValue.Parse("1.5").Should().NotBe(JsonValue.Parse("1"));
    }

    [Theory]
    [InlineData("{\"a\":1,}", 1, 8)]
    [InlineData("{\n  \"a\": tru\n}", 2, 11)]
    public void Parse_Malformed_ReportsLineAndPosition(string json, long line, long position)
    {
        var act = () => JsonValue.Parse(json);

        var error = act.Should().Throw<JsonParseException>().Which;
        error.Line.Should().Be(line);
        error.BytePositionInLine.Should().BeGreaterThanOrEqualTo(position - 2).And.BeLessThanOrEqualTo(position + 2);
    }

    [Fact]
    public void Parse_DeeplyNested_IsRejectedWithoutStackOverflow()
    {
        var json = new string('[', 100_000) + new string(']', 100_000);

        var act = () => JsonValue.Parse(json);

        act.Should().Throw<JsonParseException>();
    }

    [Fact]
    public void Utf8Length_EqualsTheLengthOfTheCompactText()
    {
        var value = JsonValue.Parse("{\"name\":\"Zoë \\\"q\\\" \\u0001 😀\",\"n\":[1,2.25,null,true]}");

        value.Utf8Length.Should().Be(System.Text.Encoding.UTF8.GetByteCount(value.ToJsonString()));
    }

    [Fact]
    public void SetItem_SharesUnchangedMembers()
    {
        var big = JsonValue.Parse("{\"records\":[1,2,3],\"meta\":{}}");
        var obj = (JsonObject)big;

        var updated = obj.SetItem("step", JsonValue.From("x"));

        ReferenceEquals(updated["records"], obj["records"]).Should().BeTrue();
        obj.ContainsKey("step").Should().BeFalse();
        updated.Keys.Should().Equal("records", "meta", "step");
    }
}
