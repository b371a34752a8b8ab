using StepFlow.Json;
using StepFlow.Jsonata;

namespace StepFlow.Tests.Jsonata;

/// <summary>
/// Issue #12: every built-in and constructor that creates strings, arrays or objects counts them against
/// <see cref="JsonataOptions.SizeLimit"/> before allocating, and fails with U1001 instead of exhausting memory.
/// The hostile calls run with a limit of 10,000 over inputs (which are not counted) just big enough to exceed it.
/// </summary>
public sealed class JsonataSizeLimitTests
{
    private static readonly JsonataOptions Small = new() { SizeLimit = 10_000 };

    private static readonly Dictionary<string, JsonValue> Inputs = new(StringComparer.Ordinal)
    {
        ["string"] = JsonValue.From(new string('a', 6_000)),
        ["long"] = JsonValue.From(new string('a', 12_000)),
        ["strings"] = JsonArray.Create(Enumerable.Range(0, 6_000).Select(i => (JsonValue)JsonValue.From("ab")).ToArray()),
        ["numbers"] = JsonArray.Create(Enumerable.Range(0, 12_000).Select(i => (JsonValue)JsonValue.From(i)).ToArray()),
        ["objects"] = JsonArray.Create(Enumerable.Range(0, 6_000).Select(i => (JsonValue)JsonObject.Create(("a", JsonValue.From(i)), ("b", JsonValue.From(i)))).ToArray()),
        ["object"] = JsonObject.Create(Enumerable.Range(0, 12_000).Select(i => ("k" + i, (JsonValue)JsonValue.From(i))).ToArray()),
    };

    [Theory]
    [InlineData("$pad('x', 20000)", "string")]
    [InlineData("$pad('x', -20000, 'yz')", "string")]
    [InlineData("$ & $", "string")]
    [InlineData("$join($, ',')", "strings")]
    [InlineData("[1..20000]", "string")]
    [InlineData("$append($, $)", "numbers")]
    [InlineData("[$, $]", "numbers")]
    [InlineData("$string($)", "strings")]
    [InlineData("$string($)", "object")]
    [InlineData("$replace($, 'a', 'bb')", "string")]
    [InlineData("$replace($, /a/, '$0$0')", "string")]
    [InlineData("$replace($, /a+/, '$0$0')", "string")]
    [InlineData("$replace($, /a/, function($m){ 'bb' })", "string")]
    [InlineData("$split($, '')", "string")]
    [InlineData("$split($ & $, 'a')", "string")]
    [InlineData("$split($, /a/)", "long")]
    [InlineData("$match($, /a/)", "string")]
    [InlineData("$map($, function($v){ $v })", "numbers")]
    [InlineData("$map($, $string)", "numbers")]
    [InlineData("$filter($, function($v){ true })", "numbers")]
    [InlineData("${ $string($): $ }", "numbers")]
    [InlineData("$.{ 'k': $ }", "numbers")]
    [InlineData("${ 'k': $ }", "numbers")]
    [InlineData("$zip($, $)", "numbers")]
    [InlineData("$spread($)", "objects")]
    [InlineData("$spread($)", "object")]
    [InlineData("$merge($)", "objects")]
    [InlineData("$keys($)", "object")]
    [InlineData("$each($, function($v){ $v })", "object")]
    [InlineData("$sift($, function($v){ true })", "object")]
    [InlineData("$reverse($)", "numbers")]
    [InlineData("$sort($)", "numbers")]
    [InlineData("$shuffle($)", "numbers")]
    [InlineData("$distinct($)", "numbers")]
    [InlineData("$uppercase($ & 'b')", "string")]
    [InlineData("$uppercase($)", "long")]
    [InlineData("$lowercase($)", "long")]
    [InlineData("$trim($)", "long")]
    [InlineData("$substring($, 0) & $substring($, 1)", "string")]
    [InlineData("$substringBefore($ & 'b', 'b') & $", "string")]
    [InlineData("$base64encode($)", "long")]
    [InlineData("$encodeUrlComponent($ & $)", "string")]
    [InlineData("$decodeUrl($ & $)", "string")]
    [InlineData("$.[$, $]", "numbers")]
    [InlineData("$ ~> |$|{'c': 1}|", "objects")]
    public void HostileCall_ExceedsTheSizeLimit_AndFailsWithU1001(string expression, string input)
    {
        var compiled = JsonataExpression.Compile(expression, Small);

        var error = Assert.Throws<JsonataException>(() => compiled.Evaluate(Inputs[input]));

        error.Code.Should().Be("U1001");
        error.Message.Should().Contain("size limit");
    }

    [Theory]
    [InlineData("$pad('x', 1e9)")]
    [InlineData("$pad('x', -1e9, '0123456789')")]
    [InlineData("$join($map([1..1000], function($v){ $pad('', 100000) }))")]
    [InlineData("($s := $pad('', 1000000); $s & $s & $s & $s & $s & $s & $s & $s & $s & $s & $s & $s & $s & $s & $s & $s & $s & $s & $s & $s & $s)")]
    public void HugeCall_UnderTheDefaultLimit_FailsBeforeAllocating(string expression)
    {
        var compiled = JsonataExpression.Compile(expression, StepFunctionsJsonata.Options);
        var before = GC.GetAllocatedBytesForCurrentThread();

        var error = Assert.Throws<JsonataException>(() => compiled.Evaluate(null));

        error.Code.Should().Be("U1001");
        (GC.GetAllocatedBytesForCurrentThread() - before).Should().BeLessThan(StepFunctionsJsonata.SizeLimit * 4, "the limit is checked before the big allocation");
    }

    [Theory]
    [InlineData("$pad('x', 5000)", "string")]
    [InlineData("$join($, ',')", "strings")]
    [InlineData("$string($)", "strings")]
    [InlineData("${ 'k': $ }", "numbers")]
    [InlineData("$spread($)", "objects")]
    public void SameCall_UnderAGenerousLimit_Succeeds(string expression, string input)
    {
        var compiled = JsonataExpression.Compile(expression, new JsonataOptions { SizeLimit = 100_000 });

        compiled.Evaluate(Inputs[input]).Should().NotBeNull();
    }

    [Fact]
    public void GroupingManyItemsUnderOneKey_CountsEachItemOnce()
    {
        // Accumulating a group used to copy it once per item (n² items created).
        var compiled = JsonataExpression.Compile("$count(${ 'k': $ }.k)", new JsonataOptions { SizeLimit = 30_000 });

        compiled.Evaluate(Inputs["numbers"]).Should().Be(JsonValue.From(12_000));
    }

    [Fact]
    public void SizeLimit_CountsPerEvaluation_NotPerExpression()
    {
        var compiled = JsonataExpression.Compile("$pad('x', 6000)", Small);

        compiled.Evaluate(null).Should().NotBeNull();
        compiled.Evaluate(null).Should().NotBeNull();
    }

    [Fact]
    public void DateTimePictureWidth_AboveTheLimit_FailsWithU1001()
    {
        var error = Assert.Throws<JsonataException>(() => JsonataExpression.Compile("$fromMillis(0, '[Y,1000000000]')").Evaluate(null));

        error.Code.Should().Be("U1001");
    }

    [Fact]
    public void DateTimePictureWidth_ThatIsNotANumber_IsIgnored()
    {
        JsonataExpression.Compile("$fromMillis(0, '[Y,x]')").Evaluate(null).Should().Be(JsonValue.From("1970"));
    }
}
