using StepFlow.Json;

namespace StepFlow.Tests.Json;

/// <summary>Definitions are parsed with identical objects and arrays shared; execution data never is.</summary>
public sealed class JsonContainerSharingTests
{
    /// <summary>Parses <paramref name="json"/> as a definition is read: with a parse session, which shares identical containers.</summary>
    private static JsonValue ParseShared(string json, ParseSession? session = null) =>
        JsonTextParser.Parse(json, JsonParseOptions.Default, null, session ?? new ParseSession());

    [Fact]
    public void IdenticalObjectsAndArrays_AreOneNode_AndTheSessionKnowsThemAsRepeated()
    {
        var session = new ParseSession();
        var value = (JsonArray)ParseShared(
            """[{"ErrorEquals":["States.ALL"],"MaxAttempts":2},{"ErrorEquals":["States.ALL"],"MaxAttempts":2},["States.ALL"],{}]""",
            session);

        value[1].Should().BeSameAs(value[0]);
        value[2].Should().BeSameAs(((JsonObject)value[0])["ErrorEquals"]);
        value[3].Should().BeSameAs(JsonObject.Empty);
        session.IsRepeated(value[0]).Should().BeTrue();
        session.IsRepeated(value[2]).Should().BeTrue();
        session.IsRepeated(value).Should().BeFalse();
        new ParseSession().IsRepeated(value[0]).Should().BeFalse("only the session of the parse knows its repeats");
    }

    [Fact]
    public void TextGivenUpByTheFastReader_LeavesNoRepeatInTheSession()
    {
        // A member name repeated while repeats are reported makes the UTF-16 reader hand the text to the UTF-8 reader,
        // which shares nothing; the first blocks were already found repeated by the attempt given up.
        var session = new ParseSession();
        var duplicates = new List<JsonDuplicateKey>();
        var value = (JsonArray)JsonTextParser.Parse("""[{"a":[1,2]},{"a":[1,2]},{"a":[1,2]},{"b":1,"b":2}]""", JsonParseOptions.Default, duplicates, session);

        duplicates.Should().ContainSingle();
        value[1].Should().NotBeSameAs(value[0]);
        session.RepeatedCount.Should().Be(0);
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
        var value = (JsonArray)ParseShared(json);

        value[1].Should().NotBeSameAs(value[0]);
        ((JsonValue)value).Should().Be(JsonValue.Parse(json));
    }

    [Fact]
    public void LongStringsAndNumbersThatAreNotCached_StillGiveEqualTrees()
    {
        var longText = new string('x', 200);
        var json = $$"""[{"a":"{{longText}}","n":123456789012345678901234567890},{"a":"{{longText}}","n":123456789012345678901234567890}]""";

        var value = (JsonArray)ParseShared(json);

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
        var value = (JsonArray)ParseShared("""[{"a":1,"a":2},{"a":2}]""");

        value[0].Should().Be(value[1]);
        ((JsonObject)value[0])["a"].Should().Be(JsonValue.Parse("2"));
    }

    [Fact]
    public void KnownStrings_AreHandedOutAsTheVeryInstancesGiven()
    {
        var type = new string("Type".AsSpan());
        var pass = new string("Pass".AsSpan());
        var value = (JsonObject)ParseShared("""{"Type":"Pass","Next":"Pass"}""", new ParseSession([type, pass]));

        value.Members[0].Key.Should().BeSameAs(type);
        ((JsonString)value["Type"]).Value.Should().BeSameAs(pass);
        ((JsonString)value["Next"]).Value.Should().BeSameAs(pass);
        value.Members[1].Key.Should().NotBeSameAs(type);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void RandomTextWithRepeatedBlocks_GivesTheSameTreeAsAPlainParse(int seed)
    {
        // A small pool of blocks, many alike in their first characters, repeated at different depths, so that shared
        // nodes and remembered text are both used, and near misses must not be taken for repeats.
        var random = new Random(seed);
        var pool = Enumerable.Range(0, 12).Select(i => Block(random, 0, i)).ToList();
        string Value(int depth) => random.Next(5) switch
        {
            0 or 1 => pool[random.Next(pool.Count)],
            2 when depth < 6 => "{\"Type\":\"Pass\",\"inner\":" + Value(depth + 1) + ",\"n\":" + random.Next(3) + "}",
            3 when depth < 6 => "[" + Value(depth + 1) + "," + Value(depth + 1) + "]",
            _ => "\"s" + random.Next(4) + "\"",
        };
        var json = "[" + string.Join(",", Enumerable.Range(0, 200).Select(_ => Value(0))) + "]";

        var shared = ParseShared(json);
        var plain = JsonValue.Parse(json);

        shared.Should().Be(plain);
        shared.ToJsonString().Should().Be(plain.ToJsonString());

        // And the text was read as it stands (not handed on to the reader path): equal blocks are one node. Sharing is
        // best-effort by design — its table's probes are bounded and its hashes seeded per process, so a rare block can
        // miss its twin in one process and not in the next —, hence nearly all, not all.
        var containers = new List<JsonValue>();
        Collect(shared, containers);
        var repeated = containers.GroupBy(c => c.ToJsonString()).Where(g => g.Key.Length > 2 && g.Count() > 1).ToList();
        repeated.Should().NotBeEmpty();
        repeated.Count(g => g.Distinct(ReferenceEqualityComparer.Instance).Count() == 1)
            .Should().BeGreaterThanOrEqualTo(repeated.Count * 9 / 10, "equal blocks are shared");
    }

    private static void Collect(JsonValue value, List<JsonValue> containers)
    {
        if (value is JsonObject obj)
        {
            containers.Add(obj);
            foreach (var member in obj.Members)
            {
                Collect(member.Value, containers);
            }
        }
        else if (value is JsonArray array)
        {
            containers.Add(array);
            foreach (var item in array.Items)
            {
                Collect(item, containers);
            }
        }
    }

    [Fact]
    public void TextRepeatedThreeTimes_IsReadOnce_AndANearMissIsNot()
    {
        const string Retry = """{"ErrorEquals":["States.TaskFailed"],"IntervalSeconds":1,"MaxAttempts":2}""";
        const string NearMiss = """{"ErrorEquals":["States.TaskFailed"],"IntervalSeconds":1,"MaxAttempts":3}""";
        var value = (JsonArray)ParseShared($"[{Retry},{Retry},{Retry},{NearMiss},[{Retry}]]");

        value[2].Should().BeSameAs(value[0]);
        ((JsonArray)value[4])[0].Should().BeSameAs(value[0]);
        value[3].Should().NotBeSameAs(value[0]);
        ((JsonObject)value[3])["MaxAttempts"].Should().Be(JsonValue.Parse("3"));
    }

    private static string Block(Random random, int depth, int id)
    {
        // Blocks of one length that differ in a character or two: a repeat must be told by its whole text.
        var members = new List<string>
        {
            $"\"ErrorEquals\":[\"States.{(random.Next(2) == 0 ? "ALL" : "Foo")}\"]",
            $"\"MaxAttempts\":{random.Next(10)}",
        };
        if (depth < 2 && random.Next(2) == 0)
        {
            members.Add("\"nested\":" + Block(random, depth + 1, id));
        }

        if (id % 3 == 0)
        {
            members.Add($"\"id\":{id % 10}");
        }

        return "{" + string.Join(",", members) + "}";
    }
}
