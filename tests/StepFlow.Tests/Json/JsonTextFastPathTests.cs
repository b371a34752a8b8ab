using System.Text;
using StepFlow.Json;

namespace StepFlow.Tests.Json;

/// <summary>The UTF-16 fast path must give exactly what the UTF-8 reader path gives: trees, duplicates, errors.</summary>
public sealed class JsonTextFastPathTests
{
    [Theory]
    [InlineData("""{"a":1,"b":[true,false,null],"c":"x"}""")]
    [InlineData(" \t\r\n{ \"a\" : [ 1 , 2 ] , \"b\" : { } , \"c\" : [ ] } \n")]
    [InlineData("""[0,-0,1,-1,255,256,-16,-17,123456789012345678,1234567890123456789,-9223372036854775808,9223372036854775808,1e3,1E+20,-2.5e-3,2.0,0.5,100000000000000000000000]""")]
    [InlineData("""["\"\\\/\b\f\n\r\t","\u00e9\u00E9","\ud83d\ude00","😀","a😀b","\u0000","\u001f"]""")]
    [InlineData("""{"n\u0061me":1,"name":2,"x":{"y":1,"y":2},"a":[{"s":1,"s":2}]}""")]
    [InlineData("\"plain\"")]
    [InlineData("12")]
    [InlineData("true")]
    public void ValidText_GivesTheSameTreeAndDuplicatesAsTheUtf8Path(string json)
    {
        var fastDuplicates = new List<JsonDuplicateKey>();
        var slowDuplicates = new List<JsonDuplicateKey>();

        var fast = JsonTextParser.Parse(json, JsonParseOptions.Default, fastDuplicates);
        var slow = JsonTextParser.Parse(Encoding.UTF8.GetBytes(json), JsonParseOptions.Default, slowDuplicates);

        fast.ToJsonString().Should().Be(slow.ToJsonString());
        fast.Should().Be(slow);
        Describe(fastDuplicates).Should().Equal(Describe(slowDuplicates));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void RandomObjectsWithRepeatedNames_GiveTheSameTreeAndDuplicatesAsTheUtf8Path(int seed)
    {
        // Small and large objects (nested and side by side), short cached names, long uncached ones, many repeats.
        var random = new Random(seed);
        var longName = new string('n', 80);
        string Name() => random.Next(10) == 0 ? longName + random.Next(3) : "k" + random.Next(random.Next(2) == 0 ? 6 : 90);
        string Value(int depth) => depth < 3 && random.Next(4) == 0 ? Object(depth + 1) : random.Next(100).ToString(System.Globalization.CultureInfo.InvariantCulture);
        string Object(int depth) =>
            "{" + string.Join(",", Enumerable.Range(0, random.Next(2) == 0 ? random.Next(1, 8) : random.Next(16, 120)).Select(_ => $"\"{Name()}\":{Value(depth)}")) + "}";
        var json = "[" + string.Join(",", Enumerable.Range(0, 6).Select(_ => Object(0))) + "]";
        var fastDuplicates = new List<JsonDuplicateKey>();
        var slowDuplicates = new List<JsonDuplicateKey>();

        var fast = JsonTextParser.Parse(json, JsonParseOptions.Default, fastDuplicates);
        var slow = JsonTextParser.Parse(Encoding.UTF8.GetBytes(json), JsonParseOptions.Default, slowDuplicates);

        fastDuplicates.Should().NotBeEmpty();
        fast.ToJsonString().Should().Be(slow.ToJsonString());
        Describe(fastDuplicates).Should().Equal(Describe(slowDuplicates));
        foreach (var item in ((JsonArray)fast).Items)
        {
            var names = ((JsonObject)item).Select(m => m.Key).ToList();
            names.Should().OnlyHaveUniqueItems();
        }
    }

    [Theory]
    [InlineData("{\"a\":1,}")]
    [InlineData("{\n  \"a\": tru\n}")]
    [InlineData("[1,2")]
    [InlineData("[01]")]
    [InlineData("[1.]")]
    [InlineData("[.5]")]
    [InlineData("[1e]")]
    [InlineData("[-]")]
    [InlineData("[+1]")]
    [InlineData("{\"a\" 1}")]
    [InlineData("{'a':1}")]
    [InlineData("[\"a\\x\"]")]
    [InlineData("[\"a\\u12\"]")]
    [InlineData("[\"tab\there\"]")]
    [InlineData("[1] x")]
    [InlineData("[1]]")]
    [InlineData("// c\n[1]")]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("[nul]")]
    [InlineData("[truex]")]
    [InlineData("{\"a\":1 \"b\":2}")]
    [InlineData("é")]
    public void MalformedText_FailsExactlyAsTheUtf8Path(string json)
    {
        var fast = Catch(() => JsonTextParser.Parse(json, JsonParseOptions.Default, []));
        var slow = Catch(() => JsonTextParser.Parse(Encoding.UTF8.GetBytes(json), JsonParseOptions.Default, []));

        fast.Should().NotBeNull();
        fast!.GetType().Should().Be(slow!.GetType());
        fast.Message.Should().Be(slow.Message);
        if (fast is JsonParseException f && slow is JsonParseException s)
        {
            (f.Line, f.BytePositionInLine).Should().Be((s.Line, s.BytePositionInLine));
        }
    }

    [Theory]
    [InlineData("[\"\uD800\"]")]
    [InlineData("[\"a\uDC00b\"]")]
    [InlineData("[\"\\uD800\"]")]
    [InlineData("[\"\\uD800\\u0041\"]")]
    [InlineData("[\"\\uDC00\"]")]
    [InlineData("[\"\uD83D\\uDE00\"]")]
    [InlineData("\uFEFF[1]")]
    public void LoneSurrogatesAndMarks_BehaveAsTranscodedText(string json)
    {
        var utf8 = Encoding.UTF8.GetBytes(json);
        JsonValue? slowValue = null;
        var slow = Catch(() => slowValue = JsonTextParser.Parse(utf8, JsonParseOptions.Default, []));
        JsonValue? fastValue = null;
        var fast = Catch(() => fastValue = JsonTextParser.Parse(json, JsonParseOptions.Default, []));

        (fast?.Message).Should().Be(slow?.Message);
        (fastValue?.ToJsonString()).Should().Be(slowValue?.ToJsonString());
    }

    [Theory]
    [InlineData(3)]
    [InlineData(64)]
    public void DepthLimit_IsTheReadersLimit(int maxDepth)
    {
        var options = new JsonParseOptions { MaxDepth = maxDepth };
        for (var depth = maxDepth - 2; depth <= maxDepth + 2; depth++)
        {
            var json = new string('[', depth) + new string(']', depth);
            var fast = Catch(() => JsonTextParser.Parse(json, options, []));
            var slow = Catch(() => JsonTextParser.Parse(Encoding.UTF8.GetBytes(json), options, []));
            (fast?.Message).Should().Be(slow?.Message);
        }
    }

    [Fact]
    public void RepeatedStringsAndNumbers_AreSharedWithinOneParse()
    {
        var value = (JsonArray)JsonValue.Parse("""["$.v","$.v",2.5,2.5,1000,1000,"\u0024.v"]""");

        value[1].Should().BeSameAs(value[0]);
        value[6].Should().BeSameAs(value[0]);
        value[3].Should().BeSameAs(value[2]);
        value[5].Should().BeSameAs(value[4]);
        value[2].ToJsonString().Should().Be("2.5");
    }

    private static Exception? Catch(Action action)
    {
        try
        {
            action();
            return null;
        }
        catch (Exception e)
        {
            return e;
        }
    }

    private static List<string> Describe(List<JsonDuplicateKey> duplicates) =>
        duplicates.Select(d => string.Join("/", d.ObjectPath.Select(t => t.IsIndex ? t.Index.ToString(System.Globalization.CultureInfo.InvariantCulture) : t.Name)) + " " + d.Name).ToList();
}
