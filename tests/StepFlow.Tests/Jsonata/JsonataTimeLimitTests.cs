using Microsoft.Extensions.Time.Testing;
using StepFlow.Json;
using StepFlow.Jsonata;

namespace StepFlow.Tests.Jsonata;

/// <summary>
/// Issue #12: built-ins check the time limit inside their own loops, not only between evaluation steps, and the
/// limit can be measured as the evaluating thread's processor time.
/// </summary>
public sealed class JsonataTimeLimitTests
{
    private static readonly Dictionary<string, JsonValue> Inputs = new(StringComparer.Ordinal)
    {
        ["string"] = JsonValue.From(new string('a', 6_000)),
        ["strings"] = JsonArray.Create(Enumerable.Range(0, 6_000).Select(i => (JsonValue)JsonValue.From("s" + i)).ToArray()),
        ["numbers"] = JsonArray.Create(Enumerable.Range(0, 6_000).Select(i => (JsonValue)JsonValue.From(i)).ToArray()),
        ["objects"] = JsonArray.Create(Enumerable.Range(0, 6_000).Select(i => (JsonValue)JsonObject.Create(("a" + i, JsonValue.From(i)))).ToArray()),
        ["object"] = JsonObject.Create(Enumerable.Range(0, 6_000).Select(i => ("k" + i, (JsonValue)JsonValue.From(i))).ToArray()),
    };

    /// <summary>
    /// A clock that moves a second on every reading, and a 1 ms limit: the limit fires at the second check (512 steps),
    /// however fast the machine. Each call below takes a handful of evaluation steps and thousands of steps of its own.
    /// </summary>
    private static JsonataOptions ExpiringAtTheSecondCheck() => new()
    {
        TimeLimit = TimeSpan.FromMilliseconds(1),
        TimeProvider = new FakeTimeProvider { AutoAdvanceAmount = TimeSpan.FromSeconds(1) },
        SizeLimit = null,
    };

    [Theory]
    [InlineData("$distinct($)", "numbers")]
    [InlineData("$join($, ',')", "strings")]
    [InlineData("[1..6000]", "numbers")]
    [InlineData("$string($)", "strings")]
    [InlineData("$map($, $string)", "numbers")]
    [InlineData("$filter($, $boolean)", "numbers")]
    [InlineData("$reduce($, $append)", "numbers")]
    [InlineData("$single($, $not)", "strings")]
    [InlineData("$sort($)", "strings")]
    [InlineData("$zip($, $)", "numbers")]
    [InlineData("$pad('', 6000, 'x')", "numbers")]
    [InlineData("$encodeUrlComponent($)", "string")]
    [InlineData("$decodeUrlComponent($)", "string")]
    [InlineData("$replace($, 'a', 'b')", "string")]
    [InlineData("$split($, '')", "string")]
    [InlineData("$spread($)", "objects")]
    [InlineData("$merge($)", "objects")]
    [InlineData("$each($, $string)", "object")]
    [InlineData("$sift($, $boolean)", "object")]
    public void BuiltInLoop_ChecksTheTimeLimit(string expression, string input)
    {
        var compiled = JsonataExpression.Compile(expression, ExpiringAtTheSecondCheck());

        var error = Assert.Throws<JsonataException>(() => compiled.Evaluate(Inputs[input]));

        error.Code.Should().Be("U1001");
        error.Message.Should().Contain("timeout");
    }

    [Fact]
    public void ThreadCpuTime_EndsAnInfiniteLoop()
    {
        var options = new JsonataOptions { TimeLimit = TimeSpan.FromMilliseconds(100), TimeMeasure = JsonataTimeMeasure.ThreadCpuTime };

        var error = Assert.Throws<JsonataException>(() => JsonataExpression.Compile("($f := function($n){ $f($n + 1) }; $f(0))", options).Evaluate(null));

        error.Code.Should().Be("U1001");
    }

    [Fact]
    public void ThreadCpuTime_DoesNotCountTimeTheThreadIsNotRunning_WallClockDoes()
    {
        // A host function that blocks 2 ms without using the processor stands in for a busy machine.
        var blocking = new Dictionary<string, JsonataFunction>(StringComparer.Ordinal)
        {
            ["block"] = new("<:n>", _ =>
            {
                Thread.Sleep(2);
                return JsonValue.From(1);
            }),
        };
        const string expression = "$sum($map([1..300], function($v){ $block() }))";
        var cpu = new JsonataOptions { TimeLimit = TimeSpan.FromMilliseconds(100), TimeMeasure = JsonataTimeMeasure.ThreadCpuTime, ExtraFunctions = blocking };
        var wall = cpu with { TimeMeasure = JsonataTimeMeasure.WallClock };

        JsonataExpression.Compile(expression, cpu).Evaluate(null).Should().Be(JsonValue.From(300));
        Assert.Throws<JsonataException>(() => JsonataExpression.Compile(expression, wall).Evaluate(null)).Code.Should().Be("U1001");
    }

    [Fact]
    public void StepFunctionsOptions_LimitThreadCpuTimeToOneSecond_AndSize()
    {
        StepFunctionsJsonata.Options.TimeLimit.Should().Be(TimeSpan.FromSeconds(1));
        StepFunctionsJsonata.Options.TimeMeasure.Should().Be(JsonataTimeMeasure.ThreadCpuTime);
        StepFunctionsJsonata.Options.SizeLimit.Should().Be(10_000_000);
    }
}
