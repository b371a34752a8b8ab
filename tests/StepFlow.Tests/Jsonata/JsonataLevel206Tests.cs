using StepFlow.Json;
using StepFlow.Jsonata;

namespace StepFlow.Tests.Jsonata;

/// <summary>Level V2_0_6 reproductions of jsonata 2.0.6 behaviour that later releases fixed; level V2_2 keeps the fix.</summary>
public sealed class JsonataLevel206Tests
{
    private static string Json(string expression, JsonataLevel level) =>
        JsonataExpression.Compile(expression, new JsonataOptions { Level = level }).Evaluate(null)?.ToJsonString() ?? "undefined";

    private static JsonataException Error(string expression, JsonataLevel level) =>
        Assert.Throws<JsonataException>(() => JsonataExpression.Compile(expression, new JsonataOptions { Level = level }).Evaluate(null));

    [Theory]
    [InlineData("λ($a, $b)<n+n:o>{[$a, $b]}(1, 2, 3)", "[1,2]", "[1,1]")]
    [InlineData("λ($a, $b, $c)<n+s-:a<n>>{[$a, $b, $c]}(1, 2, \"x\")", "[1,2,\"x\"]", "[1,1,\"x\"]")]
    [InlineData("$zip([1,2],[3,4])", "[[1,3],[2,4]]", "[[1,3],[2,4]]")]
    public void RepeatingSignatureArguments(string expression, string level22, string level206)
    {
        Json(expression, JsonataLevel.V2_2).Should().Be(level22);
        Json(expression, JsonataLevel.V2_0_6).Should().Be(level206);
    }

    [Theory]
    [InlineData("$formatNumber(0, '0e0')")]
    [InlineData("$formatNumber(-42, '0e0')")]
    [InlineData("$formatNumber(0, '0.00e0')")]
    public void FormatNumber_ExponentPictureWithZeroOrNegative_FailsInsteadOfHanging(string expression)
    {
        Error(expression, JsonataLevel.V2_0_6).Code.Should().Be("SF2061");
        Json(expression, JsonataLevel.V2_2).Should().NotBe("undefined");
        Json("$formatNumber(42, '0e0')", JsonataLevel.V2_0_6).Should().Be("\"4e1\"");
    }

    [Fact]
    public void ToMillis_AdjacentTimeMarkers_MatchGreedilyAt206()
    {
        const string expression = "$toMillis('20240101123849', '[Y0000][M00][D00][H00][m00][s00]') ~> $fromMillis()";
        Json(expression, JsonataLevel.V2_2).Should().Be("\"2024-01-01T12:38:49.000Z\"");
        Json(expression, JsonataLevel.V2_0_6).Should().Be("\"2024-02-21T14:04:09.000Z\"");
    }

    [Fact]
    public void ObjectConstructor_OverEmptyJoin_FailsAt206()
    {
        const string expression = "{\"l\": [{\"a\": 1}], \"m\": [{\"a\": 1}]}.(l@$x.m@$y[$x.a = $y.a][$x.a = 2]{\"k\": $x.a})";
        Json(expression, JsonataLevel.V2_2).Should().Be("{}");
        Error(expression, JsonataLevel.V2_0_6).Code.Should().Be("SF2062");
        Json(expression.Replace("$x.a = 2", "$x.a = 1", StringComparison.Ordinal), JsonataLevel.V2_0_6).Should().Be("{\"k\":1}");
    }
}
