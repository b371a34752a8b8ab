using System.Text;
using StepFlow.Json;

namespace StepFlow.Tests.Json;

/// <summary>
/// The fast path reads plain strings four characters at a time and hashes them in blocks of four; these cases put
/// every kind of stop (quote, escape, control character, non-ASCII, surrogate) at every place in a block, and make the
/// same name arrive both plainly and escaped, which must hash alike for repeated names to be found.
/// </summary>
public sealed class JsonStringScanTests
{
    public static TheoryData<int> Lengths()
    {
        var data = new TheoryData<int>();
        foreach (var length in new[] { 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 15, 16, 17, 60, 61, 62, 63, 64, 65, 66, 67, 68, 70, 130 })
        {
            data.Add(length);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Lengths))]
    public void StringsWithAStopAtEveryPlace_GiveTheSameTreeAsTheUtf8Path(int length)
    {
        var stops = new[] { "\\\"", "\\\\", "\\n", "\\u0041", "é", "中", "😀", "\\ud83d\\ude00", "/" };
        var values = new List<string> { new('a', length) };
        for (var at = 0; at <= length; at++)
        {
            foreach (var stop in stops)
            {
                values.Add(new string('a', at) + stop + new string('b', length - at));
            }
        }

        var json = "[" + string.Join(",", values.Select(v => "\"" + v + "\"")) + "]";
        var fast = JsonTextParser.Parse(json, JsonParseOptions.Default);
        var slow = JsonTextParser.Parse(Encoding.UTF8.GetBytes(json), JsonParseOptions.Default);

        fast.Should().Be(slow);
        fast.ToJsonString().Should().Be(slow.ToJsonString());
    }

    [Theory]
    [MemberData(nameof(Lengths))]
    public void ANameRepeatedInEscapedForm_IsFoundAsADuplicate(int length)
    {
        if (length == 0)
        {
            return;
        }

        var name = string.Concat(Enumerable.Range(0, length).Select(i => (char)('a' + (i % 26))));
        var escapedFirst = "\\u" + ((int)name[0]).ToString("x4", System.Globalization.CultureInfo.InvariantCulture) + name[1..];
        var escapedLast = name[..^1] + "\\u" + ((int)name[^1]).ToString("x4", System.Globalization.CultureInfo.InvariantCulture);
        var json = $$"""{"{{name}}":1,"other":0,"{{escapedFirst}}":2,"{{escapedLast}}":3}""";
        var duplicates = new List<JsonDuplicateKey>();

        var value = (JsonObject)JsonTextParser.Parse(json, JsonParseOptions.Default, duplicates);

        var withoutReports = (JsonObject)JsonTextParser.Parse(json, JsonParseOptions.Default);

        duplicates.Select(d => d.Name).Should().Equal(name, name);
        value.Count.Should().Be(2);
        value[name].Should().Be(JsonValue.Parse("3"));
        ((JsonValue)withoutReports).Should().Be(value);
    }

    [Theory]
    [InlineData("\"abc\"")]
    [InlineData("\"abcd\"")]
    [InlineData("\"abcdefg\"")]
    [InlineData("\"\"")]
    [InlineData("\"ab")]
    [InlineData("\"abcdefgh")]
    [InlineData("\"abc\\\"")]
    public void AStringAtTheVeryEndOfTheText_IsReadAsTheUtf8PathReadsIt(string json)
    {
        var fast = Catch(() => JsonTextParser.Parse(json, JsonParseOptions.Default));
        var slow = Catch(() => JsonTextParser.Parse(Encoding.UTF8.GetBytes(json), JsonParseOptions.Default));

        (fast.Value?.ToJsonString()).Should().Be(slow.Value?.ToJsonString());
        (fast.Error?.Message).Should().Be(slow.Error?.Message);
    }

    private static (JsonValue? Value, Exception? Error) Catch(Func<JsonValue> parse)
    {
        try
        {
            return (parse(), null);
        }
        catch (JsonParseException e)
        {
            return (null, e);
        }
    }
}
