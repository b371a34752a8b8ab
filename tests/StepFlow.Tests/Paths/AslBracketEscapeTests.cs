using StepFlow.Definition;
using StepFlow.Execution;
using StepFlow.Json;
using StepFlow.Parsing;
using StepFlow.Paths;
using StepFlow.Persistence;
using StepFlow.Tests.Execution;

namespace StepFlow.Tests.Paths;

/// <summary>
/// A backslash inside a quoted bracket name, as AWS (Jayway JsonPath) reads it: it escapes the next character, so an
/// escaped quote of either kind does not end the name; the name is then unescaped as Java does (<c>\"</c> → <c>"</c>,
/// <c>\'</c> → <c>'</c>, <c>\\</c> → <c>\</c>, <c>\n</c> and the like, <c>\uXXXX</c>, any other <c>\x</c> → <c>x</c>).
/// RFC 9535 allows only its own escapes and stays strict.
/// </summary>
public sealed class AslBracketEscapeTests
{
    [Theory]
    [InlineData("""$['a\"b']""", "a\"b")]
    [InlineData("""$["a\'b"]""", "a'b")]
    [InlineData("""$['a\'b']""", "a'b")]
    [InlineData("""$["a\"b"]""", "a\"b")]
    [InlineData("""$['a\\b']""", "a\\b")]
    [InlineData("""$['a\qb']""", "aqb")]
    [InlineData("""$['a\/b']""", "a/b")]
    [InlineData("""$['a\u00e9b']""", "aéb")]
    [InlineData("""$['a\😀b']""", "a😀b")]
    [InlineData("""$['x','a\"b']""", "a\"b")]
    public void BracketName_Asl_BackslashEscapesTheNextCharacter(string path, string name)
    {
        var input = JsonObject.Create((name, JsonValue.From(1)));

        var parsed = JsonPath.Parse(path);
        parsed.TryEvaluate(new PathScope(input, JsonObject.Empty), out var value).Should().BeTrue();

        value.Should().Be(path.Contains(',', StringComparison.Ordinal) ? JsonValue.Parse("""{"a\"b":1}""") : JsonValue.From(1));
    }

    [Theory]
    [InlineData("""$[?(@.k == 'a\"b')].v""", "a\"b")]
    [InlineData("""$[?(@.k == "a\'b")].v""", "a'b")]
    public void FilterStringLiteral_Asl_BackslashEscapesTheNextCharacter(string path, string key)
    {
        var input = JsonArray.Create([JsonObject.Create(("k", JsonValue.From(key)), ("v", JsonValue.From(7)))]);

        JsonPath.Parse(path).TryEvaluate(new PathScope(input, JsonObject.Empty), out var value).Should().BeTrue();

        value.Should().Be(JsonValue.Parse("[7]"));
    }

    [Theory]
    [InlineData("""$['a\"b']""")]
    [InlineData("""$['a\qb']""")]
    public void BracketName_Rfc9535_AllowsOnlyItsOwnEscapes(string path)
    {
        JsonPath.TryParse(path, JsonPathDialect.Rfc9535, out _, out var error).Should().BeFalse();
        error.Should().Contain("not a valid escape");
    }

    [Fact]
    public async Task Definition_WithEscapedQuoteInBracketName_ParsesAndReadsTheMember()
    {
        // In the definition's JSON text the path is "$['a\\\"b']": after JSON decoding, $['a\"b'].
        var definition = """
            {"StartAt":"P","States":{"P":{"Type":"Pass","InputPath":"$['a\\\"b']","End":true}}}
            """;

        StateMachine.TryParse(definition, out _, out var diagnostics).Should().BeTrue(string.Join("; ", diagnostics));
        var result = await EngineTestHost.RunAsync(definition, """{"a\"b":{"ok":true}}""");

        result.Status.Should().Be(ExecutionStatus.Succeeded);
        result.Output.Should().Be(JsonValue.Parse("""{"ok":true}"""));
    }
}
