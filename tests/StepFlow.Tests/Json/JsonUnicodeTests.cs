using System.Text;
using StepFlow.Json;

namespace StepFlow.Tests.Json;

/// <summary>JSON text must be valid Unicode: lone surrogates and invalid UTF-8 are parse errors, never replaced or thrown raw.</summary>
public sealed class JsonUnicodeTests
{
    [Theory]
    [InlineData("\"\\ud800\"")]
    [InlineData("\"\\udc00\"")]
    [InlineData("\"a\\ud800b\"")]
    [InlineData("\"\\ud800\\u0041\"")]
    [InlineData("{\"\\ud800\":1}")]
    [InlineData("[1,{\"k\":\"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\\udfff\"}]")]
    public void Parse_EscapedLoneSurrogate_IsAParseError(string json)
    {
        var act = () => JsonValue.Parse(json);

        act.Should().Throw<JsonParseException>().WithMessage("*not valid Unicode*");
    }

    // '§' stands for a lone high surrogate and '¤' for a lone low one (test data cannot carry them).
    [Theory]
    [InlineData("\"§\"")]
    [InlineData("\"x¤\"")]
    [InlineData("\"¤§\"")]
    [InlineData("{\"§\":1}")]
    [InlineData("{\"a\":\n  \"§\"}")]
    public void Parse_RawLoneSurrogate_IsAParseErrorWithItsLine(string template)
    {
        var json = template.Replace('§', '\ud800').Replace('¤', '\udc00');

        var act = () => JsonValue.Parse(json);

        var error = act.Should().Throw<JsonParseException>().WithMessage("*unpaired surrogate*").Which;
        error.Line.Should().Be(json.Contains('\n') ? 2 : 1);
    }

    [Fact]
    public void Parse_RawLoneSurrogate_NamesItsPosition()
    {
        var act = () => JsonValue.Parse("{\"a\":\"é\ud800\"}");

        var error = act.Should().Throw<JsonParseException>().Which;
        error.Line.Should().Be(1);
        error.BytePositionInLine.Should().Be(9);
        error.Message.Should().Contain("U+D800");
    }

    [Theory]
    [InlineData(new byte[] { 0x22, 0xFF, 0x22 })]
    [InlineData(new byte[] { 0x22, 0xC0, 0x80, 0x22 })]
    [InlineData(new byte[] { 0x22, 0xED, 0xA0, 0x80, 0x22 })]
    [InlineData(new byte[] { 0x7B, 0x22, 0xFE, 0x22, 0x3A, 0x31, 0x7D })]
    [InlineData(new byte[] { 0x5B, 0x22, 0x61, 0xC3, 0x22, 0x5D })]
    public void Parse_InvalidUtf8_IsAParseError(byte[] utf8)
    {
        var act = () => JsonValue.Parse(utf8.AsSpan());

        act.Should().Throw<JsonParseException>();
    }

    [Fact]
    public void Parse_InvalidUtf8InALongString_IsAParseError()
    {
        var utf8 = Encoding.ASCII.GetBytes("{\"k\":\"" + new string('x', 100) + "?\"}");
        utf8[106] = 0xFF;

        var act = () => JsonValue.Parse(utf8.AsSpan());

        act.Should().Throw<JsonParseException>().WithMessage("*line 1, position 6*");
    }

    [Theory]
    [InlineData("\"\\ud83d\\ude00\"")]
    [InlineData("\"\ud83d\ude00\"")]
    public void Parse_SurrogatePairs_StillParse(string json)
    {
        ((JsonString)JsonValue.Parse(json)).Value.Should().Be("😀");
        ((JsonString)JsonValue.Parse(Encoding.UTF8.GetBytes("\"😀\"").AsSpan())).Value.Should().Be("😀");
    }
}
