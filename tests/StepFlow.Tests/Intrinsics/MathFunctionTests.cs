using StepFlow.Intrinsics;
using StepFlow.Json;
using static StepFlow.Tests.Intrinsics.IntrinsicTestSupport;

namespace StepFlow.Tests.Intrinsics;

public sealed class MathFunctionTests
{
    [Theory]
    [InlineData("1", "2", 3)]
    [InlineData("111", "-1", 110)]
    [InlineData("-1.5", "0", -1)]
    [InlineData("0.5", "0", 1)]
    [InlineData("1.5", "0", 2)]
    [InlineData("2.5", "0", 3)]
    [InlineData("3.5", "0", 4)]
    [InlineData("-0.5", "0", 0)]
    [InlineData("1.49", "0", 1)]
    [InlineData("-1.49", "0", -1)]
    [InlineData("1.5", "1.51", 4)]
    [InlineData("-1.49", "-1.5", -2)]
    [InlineData("-1.5", "-1.51", -3)]
    [InlineData("2147483646", "1", 2147483647)]
    [InlineData("-2147483648", "0", -2147483648)]
    public void MathAdd_RoundsEachArgumentHalfUp_ThenAdds(string a, string b, long expected) =>
        Eval("States.MathAdd($.a, $.b)", $$"""{"a":{{a}},"b":{{b}}}""").Should().Be(JsonValue.From(expected));

    [Fact]
    public void MathAdd_AcceptsANegativeLiteral() =>
        Eval("States.MathAdd($.Iterations, -1)", """{"Iterations":1}""").Should().Be(JsonValue.From(0));

    [Theory]
    [InlineData("2147483648", "0")]
    [InlineData("-2147483649", "0")]
    [InlineData("2147483647", "1")]
    [InlineData("\"1\"", "1")]
    [InlineData("null", "1")]
    [InlineData("1", "[1]")]
    public void MathAdd_RejectsNonNumbersAndValuesOutsideInt32(string a, string b) =>
        EvalFailureDetail("States.MathAdd($.a, $.b)", $$"""{"a":{{a}},"b":{{b}}}""").Should().Be("Invalid arguments in States.MathAdd");

    [Fact]
    public void MathRandom_StaysWithinStartInclusiveEndExclusive()
    {
        var call = IntrinsicFunctionCall.Parse("States.MathRandom(1, 4)");
        var scope = new StepFlow.Paths.PathScope(JsonObject.Empty, JsonObject.Empty);
        var seen = new HashSet<long>();
        for (var i = 0; i < 300; i++)
        {
            var value = call.Evaluate(in scope).Should().BeOfType<JsonNumber>().Subject;
            value.IsInteger.Should().BeTrue();
            seen.Add(value.IntegerValue);
        }

        seen.Should().BeEquivalentTo([1L, 2L, 3L]);
    }

    [Fact]
    public void MathRandom_TruncatesNonIntegerBounds()
    {
        for (var i = 0; i < 50; i++)
        {
            var value = ((JsonNumber)Eval("States.MathRandom($.fst, $.snd)", """{"fst":12.5,"snd":44.51}""")).IntegerValue;
            value.Should().BeInRange(12, 43);
        }
    }

    [Fact]
    public void MathRandom_WithASeed_IsDeterministic()
    {
        var first = Eval("States.MathRandom(0, 1000000, 42)");
        var again = Eval("States.MathRandom(0, 1000000, 42)");
        var other = Eval("States.MathRandom(0, 1000000, 43)");

        again.Should().Be(first);
        ((JsonNumber)first).IntegerValue.Should().BeInRange(0, 999_999);
        other.Should().NotBe(first);
    }

    [Fact]
    public void MathRandom_WithoutSeed_UsesTheEnvironment()
    {
        static JsonValue Draw(int seed) =>
            Eval("States.Array(States.MathRandom(0, 1000000), States.MathRandom(0, 1000000))", environment: new IntrinsicEnvironment(new Random(seed)));

        Draw(7).Should().Be(Draw(7));
        Draw(7).Should().NotBe(Draw(8));
    }

    [Theory]
    [InlineData("States.MathRandom(5, 5)")]
    [InlineData("States.MathRandom(6, 5)")]
    [InlineData("States.MathRandom(1.4, 1.6)")]
    [InlineData("States.MathRandom('1', 5)")]
    [InlineData("States.MathRandom(1, 5, 'seed')")]
    public void MathRandom_RejectsBadArguments(string call) =>
        EvalFailureDetail(call).Should().Be("Invalid arguments in States.MathRandom");

    [Fact]
    public void Uuid_IsAVersion4UuidInLowercase()
    {
        var text = EvalString("States.UUID()");

        text.Should().MatchRegex("^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$");
        EvalString("States.UUID()").Should().NotBe(text);
    }

    [Fact]
    public void Uuid_FromASeededEnvironment_IsDeterministicAndVersion4()
    {
        static string Draw(int seed) =>
            ((JsonString)Eval("States.UUID()", environment: new IntrinsicEnvironment(new Random(seed)))).Value;

        Draw(1).Should().Be(Draw(1));
        Draw(1).Should().NotBe(Draw(2));
        Draw(1).Should().MatchRegex("^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$");
    }
}
