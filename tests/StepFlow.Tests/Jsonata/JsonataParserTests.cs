using StepFlow.Jsonata;

namespace StepFlow.Tests.Jsonata;

/// <summary>Syntax errors: codes, positions and tokens as the reference reports them.</summary>
public sealed class JsonataParserTests
{
    [Theory]
    [InlineData("\"abc", "S0101")]
    [InlineData("1e999", "S0102")]
    [InlineData("\"\\q\"", "S0103")]
    [InlineData("\"\\u12\"", "S0104")]
    [InlineData("`abc", "S0105")]
    [InlineData("/* open", "S0106")]
    [InlineData("1 2", "S0201")]
    [InlineData("(1; 2", "S0203")]
    [InlineData("[1!2]", "S0204")]
    [InlineData("function(a){1}", "S0208")]
    [InlineData("foo ? ?", "S0211")]
    [InlineData("a := 1", "S0212")]
    [InlineData("a.1", "S0213")]
    [InlineData("a@b", "S0214")]
    [InlineData("%", "S0217")]
    [InlineData("(a){'x':1}[0]", "S0209")]
    [InlineData("a{'x':1}{'y':2}", "S0210")]
    [InlineData("/abc", "S0302")]
    [InlineData("λ($x)<s<s>>{$x}", "S0401")]
    public void SyntaxErrors_HaveTheReferenceCodes(string expression, string code)
    {
        var act = () => JsonataExpression.Compile(expression);

        act.Should().Throw<JsonataException>().Which.Code.Should().Be(code);
    }

    [Fact]
    public void SyntaxError_ReportsPositionAndToken()
    {
        var error = Assert.Throws<JsonataException>(() => JsonataExpression.Compile("[1, 2 3]"));

        error.Code.Should().Be("S0202");
        error.Token.Should().Be("3");
        error.Position.Should().Be(7);
    }

    [Fact]
    public void Level206_RejectsCoalescingAndDefaultOperators_Level22_AcceptsThem()
    {
        var old = new JsonataOptions { Level = JsonataLevel.V2_0_6 };

        Assert.Throws<JsonataException>(() => JsonataExpression.Compile("a ?? 1", old)).Code.Should().Be("S0211");
        Assert.Throws<JsonataException>(() => JsonataExpression.Compile("a ?: 1", old)).Code.Should().Be("S0211");
        JsonataExpression.Compile("a ?? 1").Evaluate(null).Should().Be(StepFlow.Json.JsonValue.From(1));
        JsonataExpression.Compile("a ?: 2").Evaluate(null).Should().Be(StepFlow.Json.JsonValue.From(2));
    }

    [Fact]
    public void TryCompile_ReturnsTheError()
    {
        JsonataExpression.TryCompile("(", out var compiled, out var error).Should().BeFalse();
        compiled.Should().BeNull();
        error!.Code.Should().Be("S0207");

        JsonataExpression.TryCompile("$sum([1,2])", out compiled, out error).Should().BeTrue();
        compiled!.Text.Should().Be("$sum([1,2])");
        error.Should().BeNull();
    }
}
