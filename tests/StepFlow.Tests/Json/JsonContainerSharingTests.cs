using StepFlow.Json;

namespace StepFlow.Tests.Json;

/// <summary>Definitions are parsed with identical objects and arrays shared; execution data never is.</summary>
public sealed class JsonContainerSharingTests
{
    private static readonly JsonParseOptions Sharing = new() { ShareIdenticalContainers = true };

    [Fact]
    public void IdenticalObjectsAndArrays_AreOneNode_WhenSharingIsAsked()
    {
        var value = (JsonArray)JsonValue.Parse(
            """[{"ErrorEquals":["States.ALL"],"MaxAttempts":2},{"ErrorEquals":["States.ALL"],"MaxAttempts":2},["States.ALL"],{}]""",
            Sharing);

        value[1].Should().BeSameAs(value[0]);
        value[2].Should().BeSameAs(((JsonObject)value[0])["ErrorEquals"]);
        value[3].Should().BeSameAs(JsonObject.Empty);
        value[0].IsRepeated.Should().BeTrue();
        value[2].IsRepeated.Should().BeTrue();
        value.IsRepeated.Should().BeFalse();
    }

    [Theory]
    [InlineData("""[{"a":1,"b":2},{"a":1,"b":3}]""")]
    [InlineData("""[{"a":1,"b":2},{"b":2,"a":1}]""")]
    [InlineData("""[{"a":1},{"a":1,"b":2}]""")]
    [InlineData("""[{"a":[1,2]},{"a":[2,1]}]""")]
    [InlineData("""[{"a":"x"},{"a":"y"}]""")]
    [InlineData("""[{"a":1},{"a":1.0}]""")]
    [InlineData("""[{"a":null},{"a":false}]""")]
    [InlineData("""[[1,2],[1,2,3]]""")]
    public void ContainersThatDiffer_AreNotShared(string json)
    {
        var value = (JsonArray)JsonValue.Parse(json, Sharing);

        value[1].Should().NotBeSameAs(value[0]);
        ((JsonValue)value).Should().Be(JsonValue.Parse(json));
    }

    [Fact]
    public void LongStringsAndNumbersThatAreNotCached_StillGiveEqualTrees()
    {
        var longText = new string('x', 200);
        var json = $$"""[{"a":"{{longText}}","n":123456789012345678901234567890},{"a":"{{longText}}","n":123456789012345678901234567890}]""";

        var value = (JsonArray)JsonValue.Parse(json, Sharing);

        value[1].Should().Be(value[0]);
        value.ToJsonString().Should().Be(JsonValue.Parse(json).ToJsonString());
    }

    [Fact]
    public void ExecutionData_IsNeverShared()
    {
        var value = (JsonArray)JsonValue.Parse("""[{"a":1},{"a":1},[1],[1]]""");

        value[1].Should().NotBeSameAs(value[0]);
        value[3].Should().NotBeSameAs(value[2]);
    }

    [Fact]
    public void AnObjectWithARepeatedName_KeepsTheLastValue_AndIsNotMistakenForAnother()
    {
        var value = (JsonArray)JsonValue.Parse("""[{"a":1,"a":2},{"a":2}]""", Sharing);

        value[0].Should().Be(value[1]);
        ((JsonObject)value[0])["a"].Should().Be(JsonValue.Parse("2"));
    }

    [Fact]
    public void KnownStrings_AreHandedOutAsTheVeryInstancesGiven()
    {
        var type = new string("Type".AsSpan());
        var pass = new string("Pass".AsSpan());
        var options = new JsonParseOptions { KnownStrings = [type, pass] };

        var value = (JsonObject)JsonValue.Parse("""{"Type":"Pass","Next":"Pass"}""", options);

        value.Members[0].Key.Should().BeSameAs(type);
        ((JsonString)value["Type"]).Value.Should().BeSameAs(pass);
        ((JsonString)value["Next"]).Value.Should().BeSameAs(pass);
        value.Members[1].Key.Should().NotBeSameAs(type);
    }
}
