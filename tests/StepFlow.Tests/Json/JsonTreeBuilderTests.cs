using StepFlow.Json;

namespace StepFlow.Tests.Json;

public sealed class JsonTreeBuilderTests
{
    [Fact]
    public void Parse_ReportsEveryRepeatedMember_WithThePathOfItsObject()
    {
        var duplicates = new List<JsonDuplicateKey>();

        var value = JsonTextParser.Parse("""{"a":[0,{"x":1,"x":2,"x":3}],"b":{"c":{"y":1,"y":2}},"a":4}""", JsonParseOptions.Default, duplicates);

        ((JsonObject)value)["a"].Should().Be(JsonValue.From(4));
        duplicates.Select(d => $"{Describe(d.ObjectPath)} {d.Name}").Should().Equal("a/1 x", "a/1 x", "b/c y", " a");
    }

    [Fact]
    public void Parse_LargeObjectWithDuplicates_KeepsFirstPositionAndLastValue()
    {
        var members = string.Join(",", Enumerable.Range(0, 40).Select(i => $"\"k{i}\":{i}"));
        var duplicates = new List<JsonDuplicateKey>();

        var value = (JsonObject)JsonTextParser.Parse($"{{{members},\"k3\":\"last\",\"k39\":true}}", JsonParseOptions.Default, duplicates);

        value.Count.Should().Be(40);
        value[3].Should().Be(new KeyValuePair<string, JsonValue>("k3", new JsonString("last")));
        value["k39"].Should().Be(JsonValue.True);
        duplicates.Select(d => d.Name).Should().Equal("k3", "k39");
    }

    [Fact]
    public void Parse_EscapedAndLongStrings_AreUnescapedWhetherCachedOrNot()
    {
        var longText = new string('z', 200);

        var value = (JsonObject)JsonValue.Parse($$"""{"n\u0061me":"v\u00e9","{{longText}}":"{{longText}}","e":"","k":"name"}""");

        value["name"].Should().Be(new JsonString("vé"));
        value[longText].Should().Be(new JsonString(longText));
        value["e"].Should().BeSameAs(JsonString.Empty);
        value["k"].Should().Be(new JsonString("name"));
    }

    [Fact]
    public void Parse_DeepAndWideNesting_BuildsTheSameTreeAsWrittenText()
    {
        var items = string.Join(",", Enumerable.Range(0, 300).Select(i => $"{{\"i\":{i},\"a\":[[{i}],[],{{}}]}}"));
        var text = $"{{\"items\":[{items}],\"tail\":{{\"x\":[1,[2,[3]]]}}}}";

        var value = JsonValue.Parse(text);

        value.ToJsonString().Should().Be(text);
    }

    [Fact]
    public void Parse_AfterAFailedParse_StartsClean()
    {
        var act = () => JsonValue.Parse("{\"a\":[1,2,{\"b\":");

        act.Should().Throw<JsonParseException>();
        JsonValue.Parse("{\"c\":[3]}").ToJsonString().Should().Be("{\"c\":[3]}");
    }

    private static string Describe(JsonPathToken[] path) =>
        string.Join("/", path.Select(t => t.IsIndex ? t.Index.ToString(System.Globalization.CultureInfo.InvariantCulture) : t.Name));
}
