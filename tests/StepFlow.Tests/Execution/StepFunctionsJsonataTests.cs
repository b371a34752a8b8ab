using StepFlow.Json;
using StepFlow.Jsonata;

namespace StepFlow.Tests.Execution;

/// <summary>The functions AWS adds to JSONata, as the Step Functions Developer Guide describes them.</summary>
public sealed class StepFunctionsJsonataTests
{
    private static JsonValue? Eval(string expression) =>
        JsonataExpression.Compile(expression, StepFunctionsJsonata.Options).Evaluate(null);

    [Theory]
    [InlineData("$partition([1,2,3,4,5,6,7,8,9], 3)", "[[1,2,3],[4,5,6],[7,8,9]]")]
    [InlineData("$partition([1,2,3,4], 3)", "[[1,2,3],[4]]")]
    [InlineData("$partition([0], 2)", "[[0]]")]
    public void Partition_SplitsIntoChunks_LastOneShorter(string expression, string expected) =>
        Eval(expression).Should().Be(JsonValue.Parse(expected));

    [Theory]
    [InlineData("$range(0, 10, 2)", "[0,2,4,6,8,10]")]
    [InlineData("$range(1, 9, 2)", "[1,3,5,7,9]")]
    [InlineData("$range(10, 0, -5)", "[10,5,0]")]
    [InlineData("$range(1, 9, 9)", "1")]
    public void Range_IsInclusive_WithStep(string expression, string expected) =>
        Eval(expression).Should().Be(JsonValue.Parse(expected));

    [Fact]
    public void Range_RefusesMoreThanAThousandItems()
    {
        var act = () => Eval("$range(1, 1001, 1)");
        act.Should().Throw<JsonataException>();
        Eval("$range(1, 1000, 1)").Should().BeOfType<JsonArray>().Which.Count.Should().Be(1000);
    }

    [Theory]
    [InlineData("MD5", "b10a8db164e0754105b7a99be72e3fe5")]
    [InlineData("SHA-1", "0a4d55a8d778e5022fab701977c5d840bbc486d0")]
    [InlineData("SHA-256", "a591a6d40bf420404a011733cfb7b190d62c65bf0bcda32b57b277d9ad9f146e")]
    public void Hash_ReturnsLowercaseHex(string algorithm, string expected) =>
        Eval($"$hash('Hello World', '{algorithm}')").Should().Be(JsonValue.From(expected));

    [Fact]
    public void Hash_Sha384AndSha512_HaveTheirLengths()
    {
        ((JsonString)Eval("$hash('x', 'SHA-384')")!).Value.Should().HaveLength(96);
        ((JsonString)Eval("$hash('x', 'SHA-512')")!).Value.Should().HaveLength(128);
        var act = () => Eval("$hash('x', 'SHA-3')");
        act.Should().Throw<JsonataException>();
    }

    [Fact]
    public void Random_WithSeed_IsDeterministic_AndWithoutIsInUnitRange()
    {
        Eval("$random(42)").Should().Be(Eval("$random(42)"));
        Eval("$random(42)").Should().NotBe(Eval("$random(43)"));
        var unseeded = ((JsonNumber)Eval("$random()")!).DoubleValue;
        unseeded.Should().BeInRange(0, 1);
    }

    [Fact]
    public void Uuid_IsAVersion4Uuid()
    {
        var text = ((JsonString)Eval("$uuid()")!).Value;
        Guid.TryParse(text, out _).Should().BeTrue();
        text[14].Should().Be('4');
        Eval("$uuid()").Should().NotBe(Eval("$uuid()"));
    }

    [Fact]
    public void Parse_TurnsAJsonStringIntoAValue()
    {
        Eval("""$parse('{"a":[1,true]}')""").Should().Be(JsonValue.Parse("""{"a":[1,true]}"""));
        var act = () => Eval("$parse('{')");
        act.Should().Throw<JsonataException>();
    }

    [Fact]
    public void Eval_IsRemoved_AndLevelIs206()
    {
        var eval = () => Eval("$eval('1')");
        eval.Should().Throw<JsonataException>().Which.Code.Should().Be("T1006");
        StepFunctionsJsonata.Options.Level.Should().Be(JsonataLevel.V2_0_6);
    }

    [Fact]
    public void TimeLimit_UsesTheSystemClock()
    {
        StepFunctionsJsonata.Options.TimeLimit.Should().Be(TimeSpan.FromSeconds(1));
        StepFunctionsJsonata.Options.TimeProvider.Should().BeSameAs(TimeProvider.System);
    }
}
