using System.Text;
using StepFlow.Json;
using StepFlow.Persistence;
using StepFlow.Tests.Execution;

namespace StepFlow.Tests.Json;

/// <summary>
/// Objects born knowing their size and their names' lookup bits (payload templates, SetItem) must agree with
/// objects that compute both from scratch.
/// </summary>
public sealed class KnownSizeAndLookupTests
{
    [Theory]
    [InlineData("""{"plain":1}""")]
    [InlineData("""{"quote\"d":"x","back\\slash":[1,2],"tab\t":null}""")]
    [InlineData("""{"ünïcödé":"värde","emoji 😀":{"nested":true},"ctrl\u0001":"\u0002"}""")]
    [InlineData("""{"n":-12.5e3,"s":"","a":[],"o":{}}""")]
    public async Task PassParameters_TemplateObject_KnowsItsExactUtf8Length(string input)
    {
        // The template names every input member twice: once as a literal, once through a path (a key with a control
        // character is copied as a literal twice, since a path would need it escaped).
        var inputObject = (JsonObject)JsonValue.Parse(input);
        var parameters = new StringBuilder("{");
        var i = 0;
        foreach (var member in inputObject)
        {
            if (member.Key.Any(char.IsControl))
            {
                var key = JsonValue.From(member.Key).ToJsonString();
                parameters.Append(i++ == 0 ? string.Empty : ",")
                    .Append(key[..^1]).Append("-copy\":").Append(member.Value.ToJsonString())
                    .Append(',').Append(key[..^1]).Append("-literal\":").Append(member.Value.ToJsonString());
                continue;
            }

            var escaped = JsonValue.From(member.Key).ToJsonString();
            var path = JsonValue.From("$['" + member.Key.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("'", "\\'", StringComparison.Ordinal) + "']").ToJsonString();
            parameters.Append(i++ == 0 ? string.Empty : ",")
                .Append(escaped[..^1]).Append("-copy.$\":").Append(path)
                .Append(',').Append(escaped[..^1]).Append("-literal\":").Append(member.Value.ToJsonString());
        }

        parameters.Append('}');
        var definition = "{\"StartAt\":\"P\",\"States\":{\"P\":{\"Type\":\"Pass\",\"Parameters\":" + parameters + ",\"End\":true}}}";

        var result = await EngineTestHost.RunAsync(definition, input);

        result.Status.Should().Be(ExecutionStatus.Succeeded, result.Cause);
        var output = result.Output!;
        output.Utf8Length.Should().Be(Encoding.UTF8.GetByteCount(output.ToJsonString()));
        ((JsonObject)output).Count.Should().Be(2 * inputObject.Count);
    }

    [Fact]
    public void SetItem_AfterLookups_FindsOldAndNewMembersAndMissesAbsentOnes()
    {
        var original = (JsonObject)JsonValue.Parse("""{"alpha":1,"beta":2,"gamma":3}""");
        original.TryGetValue("beta", out _).Should().BeTrue("the lookup computes the object's name bits");

        var replaced = original.SetItem("beta", JsonValue.From(20));
        var appended = replaced.SetItem("delta", JsonValue.From(4));

        appended.TryGetValue("alpha", out var alpha).Should().BeTrue();
        alpha.Should().Be(JsonValue.From(1));
        appended.TryGetValue("beta", out var beta).Should().BeTrue();
        beta.Should().Be(JsonValue.From(20));
        appended.TryGetValue("delta", out var delta).Should().BeTrue();
        delta.Should().Be(JsonValue.From(4));
        appended.ContainsKey("epsilon").Should().BeFalse();
        replaced.ContainsKey("delta").Should().BeFalse();
        original["beta"].Should().Be(JsonValue.From(2), "the original is unchanged");
    }

    [Fact]
    public void SetItem_GrowingPastTheSmallObjectSize_StillFindsEveryMember()
    {
        var current = JsonObject.Empty;
        for (var i = 0; i < 20; i++)
        {
            current.ContainsKey("k" + i).Should().BeFalse();
            current = current.SetItem("k" + i, JsonValue.From(i));
            for (var j = 0; j <= i; j++)
            {
                current["k" + j].Should().Be(JsonValue.From(j));
            }
        }

        current.Utf8Length.Should().Be(Encoding.UTF8.GetByteCount(current.ToJsonString()));
    }
}
