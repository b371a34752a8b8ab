using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using StepFlow.Json;
using StepFlow.Tests.Support;
using JsonArray = StepFlow.Json.JsonArray;
using JsonObject = StepFlow.Json.JsonObject;
using JsonValue = StepFlow.Json.JsonValue;
using StjArray = System.Text.Json.Nodes.JsonArray;
using StjObject = System.Text.Json.Nodes.JsonObject;
using StjValue = System.Text.Json.Nodes.JsonValue;

namespace StepFlow.Tests.Json;

/// <summary>Conversions between <see cref="JsonValue"/> and System.Text.Json's JsonNode, JsonElement and UTF-8 text.</summary>
public sealed class SystemTextJsonInteropTests
{
    /// <summary>Numbers whose text must survive exactly, big integers, Unicode and escapes, nesting.</summary>
    private const string Sample = """
        {"price":1.10,"tiny":0.1000000000000000055511151231257827,"big":123456789012345678901234567890,"neg":-9223372036854775808,
         "exp":1E+300,"zero":-0.0,"text":"é 😀 \" \\ \n \u0001 中","":"empty name",
         "nested":{"list":[1,[2,[3,{"deep":[true,false,null]}]]],"empty":{},"none":[]}}
        """;

    [Fact]
    public void FromJsonNode_ParsedNode_GivesTheValueItsTextParsesTo()
    {
        var expected = JsonValue.Parse(Sample);

        var converted = JsonValue.FromJsonNode(JsonNode.Parse(Sample));

        converted.Should().Be(expected);
        converted.ToJsonString().Should().Be(expected.ToJsonString(), "numbers keep their exact text");
    }

    [Fact]
    public void FromJsonNode_NodeBuiltInCode_KeepsNumbersAndOrder()
    {
        var node = new StjObject
        {
            ["b"] = 1.10m,
            ["a"] = new StjArray(1, 2.5, long.MaxValue),
            ["s"] = "x\"y",
            ["n"] = null,
            ["t"] = true,
        };

        JsonValue.FromJsonNode(node).ToJsonString().Should().Be("""{"b":1.10,"a":[1,2.5,9223372036854775807],"s":"x\"y","n":null,"t":true}""");
        JsonValue.FromJsonNode(null).Should().BeSameAs(JsonValue.Null);
    }

    [Fact]
    public void ToJsonNode_RoundTrips_KeepingNumberText()
    {
        var value = JsonValue.Parse(Sample);

        var node = value.ToJsonNode()!;

        node["big"]!.ToJsonString().Should().Be("123456789012345678901234567890");
        node["tiny"]!.ToJsonString().Should().Be("0.1000000000000000055511151231257827");
        node["price"]!.ToJsonString().Should().Be("1.10");
        node["text"]!.GetValue<string>().Should().Be("é 😀 \" \\ \n \u0001 中");
        JsonValue.FromJsonNode(node).ToJsonString().Should().Be(value.ToJsonString());
        JsonValue.Null.ToJsonNode().Should().BeNull();
    }

    [Fact]
    public void JsonElement_RoundTrips_AndOutlivesItsDocument()
    {
        var value = JsonValue.Parse(Sample);

        var element = value.ToJsonElement();
        JsonValue converted;
        using (var document = JsonDocument.Parse(element.GetRawText()))
        {
            converted = JsonValue.FromJsonElement(document.RootElement);
        }

        element.GetProperty("big").GetRawText().Should().Be("123456789012345678901234567890");
        converted.ToJsonString().Should().Be(value.ToJsonString());
    }

    [Fact]
    public void FromJsonElement_DocumentWithCommentsAndTrailingCommas_GivesItsValue()
    {
        using var document = JsonDocument.Parse(
            "{\"a\": [1, 2,], /* note */ \"b\": 3,}",
            new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });

        JsonValue.FromJsonElement(document.RootElement).ToJsonString().Should().Be("""{"a":[1,2],"b":3}""");
        JsonValue.FromJsonElement(document.RootElement.GetProperty("a")[1]).Should().Be(JsonValue.From(2));
        var undefined = () => JsonValue.FromJsonElement(default);
        undefined.Should().Throw<ArgumentException>();
    }

    [Fact]
    public async Task Utf8_BytesStreamsAndWriters_RoundTrip()
    {
        var value = JsonValue.Parse(Sample);

        var bytes = value.ToUtf8Bytes();
        bytes.Should().Equal(Encoding.UTF8.GetBytes(value.ToJsonString()));
        bytes.Length.Should().Be(value.Utf8Length);
        JsonValue.Parse(bytes).ToJsonString().Should().Be(value.ToJsonString());

        using var stream = new MemoryStream();
        await value.WriteToAsync(stream);
        stream.Position = 0;
        (await JsonValue.ParseAsync(stream)).ToJsonString().Should().Be(value.ToJsonString());

        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartArray();
            value.WriteTo(writer);
            JsonValue.From(7).WriteTo(writer);
            writer.WriteEndArray();
        }

        JsonValue.Parse(buffer.WrittenSpan).Should().Be(JsonArray.Create([value, JsonValue.From(7)]));
    }

    [Fact]
    public async Task ParseAsync_LargeStream_ReadsAcrossBufferBoundaries()
    {
        var text = "[" + string.Join(",", Enumerable.Range(0, 20_000).Select(i => $"\"item {i}\"")) + "]";
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(text));

        var value = await JsonValue.ParseAsync(stream);

        ((JsonArray)value).Count.Should().Be(20_000);
        var broken = () => JsonValue.ParseAsync(new MemoryStream("[1,"u8.ToArray()));
        await broken.Should().ThrowAsync<JsonParseException>();
    }

    [Theory]
    [InlineData(513, '[')]
    [InlineData(600, '{')]
    [InlineData(100_000, '[')]
    public void FromJsonNode_TooDeep_GivesTheErrorParsingItsTextGives(int depth, char bracket)
    {
        var node = Nest(depth, bracket == '{');
        var text = NestedText(depth, bracket == '{');
        var parseError = Catch(() => JsonValue.Parse(text));

        // On a small stack: a deep node is refused without recursing through it.
        var error = SmallStack.Run(() => Catch(() => JsonValue.FromJsonNode(node)));

        error.Should().BeOfType<JsonParseException>().Which.Message.Should().Be(parseError.Message);
        ((JsonParseException)error).BytePositionInLine.Should().Be(((JsonParseException)parseError).BytePositionInLine);
    }

    [Fact]
    public void FromJsonNode_WithTighterParseOptions_AppliesThem()
    {
        var options = new JsonParseOptions { MaxDepth = 3 };
        var text = """{"a":[1,{"b":[2]}]}""";

        var error = Catch(() => JsonValue.FromJsonNode(JsonNode.Parse(text), options));

        error.Should().BeOfType<JsonParseException>().Which.Message.Should().Be(Catch(() => JsonValue.Parse(text, options)).Message);
        JsonValue.FromJsonNode(JsonNode.Parse(text), new JsonParseOptions { MaxDepth = 4 }).ToJsonString().Should().Be(text);
    }

    [Fact]
    public void FromJsonElement_TooDeep_GivesTheErrorParsingItsTextGives()
    {
        var text = NestedText(700, asObjects: false);
        using var document = JsonDocument.Parse(text, new JsonDocumentOptions { MaxDepth = 1000 });

        var error = SmallStack.Run(() => Catch(() => JsonValue.FromJsonElement(document.RootElement)));

        error.Should().BeOfType<JsonParseException>().Which.Message.Should().Be(Catch(() => JsonValue.Parse(text)).Message);
    }

    [Fact]
    public void FromJsonElement_EscapedLoneSurrogate_GivesTheErrorParsingItsTextGives()
    {
        const string text = "{\"a\":\"x\\ud800\"}";
        using var document = JsonDocument.Parse(text);

        var error = Catch(() => JsonValue.FromJsonElement(document.RootElement));

        error.Should().BeOfType<JsonParseException>().Which.Message.Should().Be(Catch(() => JsonValue.Parse(text)).Message);
    }

    [Fact]
    public void FromJsonNode_LoneSurrogateOrNaN_IsAParseErrorNamingThePlace()
    {
        var surrogate = Catch(() => JsonValue.FromJsonNode(new StjObject { ["a"] = "x\ud800" }));
        var nan = Catch(() => JsonValue.FromJsonNode(new StjArray(StjValue.Create(double.NaN))));

        surrogate.Should().BeOfType<JsonParseException>().Which.Message.Should().Be(Catch(() => JsonValue.Parse("{\"a\":\"x\ud800\"}")).Message);
        nan.Should().BeOfType<JsonParseException>().Which.Message.Should().Contain("position 2");
    }

    [Fact]
    public void ToUtf8Bytes_LoneSurrogate_IsRefusedNotReplaced()
    {
        var value = JsonObject.Create(("a", JsonValue.From("x\ud800")));

        var toBytes = () => value.ToUtf8Bytes();
        var toNode = () => value.ToJsonNode();

        toBytes.Should().Throw<InvalidOperationException>().WithMessage("*'/a'*unpaired surrogate*");
        toNode.Should().Throw<InvalidOperationException>();
    }

    private static Exception Catch(Action action)
    {
        try
        {
            action();
        }
        catch (Exception e)
        {
            return e;
        }

        throw new InvalidOperationException("Expected an exception.");
    }

    private static Exception Catch(Func<object> action) => Catch(() => { action(); });

    private static JsonNode Nest(int depth, bool asObjects)
    {
        JsonNode node = asObjects ? new StjObject() : new StjArray();
        for (var i = 1; i < depth; i++)
        {
            node = asObjects ? new StjObject { ["a"] = node } : new StjArray(node);
        }

        return node;
    }

    private static string NestedText(int depth, bool asObjects) =>
        asObjects
            ? string.Concat(Enumerable.Repeat("{\"a\":", depth - 1)) + "{}" + new string('}', depth - 1)
            : new string('[', depth) + new string(']', depth);
}
