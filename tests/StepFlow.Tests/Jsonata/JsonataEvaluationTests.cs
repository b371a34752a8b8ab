using System.Diagnostics;
using Microsoft.Extensions.Time.Testing;
using StepFlow.Json;
using StepFlow.Jsonata;

namespace StepFlow.Tests.Jsonata;

/// <summary>Evaluation behaviour: undefined vs null, limits, host functions, thread safety.</summary>
public sealed class JsonataEvaluationTests
{
    private static JsonValue? Eval(string expression, string? json = null, JsonataOptions? options = null) =>
        JsonataExpression.Compile(expression, options).Evaluate(json is null ? null : JsonValue.Parse(json));

    [Fact]
    public void Undefined_IsNull_AndJsonNull_IsAValue()
    {
        Eval("missing", "{\"a\":1}").Should().BeNull();
        Eval("a", "{\"a\":null}").Should().Be(JsonValue.Null);
        Eval("$exists($)").Should().Be(JsonValue.False);
        Eval("$exists($)", "null").Should().Be(JsonValue.True);
    }

    [Fact]
    public void Sequences_AreFlattenedAndSingletonsUnwrapped_UnlessKeptWithBrackets()
    {
        const string data = "{\"a\":[{\"b\":1},{\"b\":[2,3]}],\"c\":[{\"d\":5}]}";

        Eval("a.b", data)!.ToJsonString().Should().Be("[1,2,3]");
        Eval("c.d", data)!.ToJsonString().Should().Be("5");
        Eval("c.d[]", data)!.ToJsonString().Should().Be("[5]");
    }

    [Theory]
    [InlineData("$substring(\"Hello World\", missing, 5)", "\"\"")]
    [InlineData("$substring(\"Hello World\", missing)", "\"Hello World\"")]
    [InlineData("$substring(\"Hello World\", missing, 0)", "\"\"")]
    [InlineData("$pad(\"x\", missing)", "\"x\"")]
    [InlineData("$pad(\"x\", missing, \"#\")", "\"x\"")]
    public void UndefinedNumberArgument_OfSubstringAndPad_ActsAsNaN_AsInTheReference(string expression, string expected)
    {
        // Found by fuzzing (fuzz/StepFlow.Fuzz, target jsonata): this was an InvalidOperationException.
        Eval(expression, "{}")!.ToJsonString().Should().Be(expected);
        Eval(expression, "{}", StepFunctionsJsonata.Options)!.ToJsonString().Should().Be(expected);
    }

    [Theory]
    [InlineData("$formatInteger(1234, missing)")]
    [InlineData("$formatNumber(1234, missing)")]
    [InlineData("$parseInteger(\"12\", missing)")]
    public void UndefinedPicture_IsASignatureError_NotACrash(string expression)
    {
        // Found by fuzzing: these were NullReferenceExceptions (the reference fails with a JavaScript TypeError).
        Assert.Throws<JsonataException>(() => Eval(expression, "{}")).Code.Should().Be("T0410");
    }

    [Theory]
    [InlineData("$fromMillis(152215266167616700000, '[F0] [FNn]')")]
    [InlineData("$fromMillis(1e20)")]
    [InlineData("$fromMillis(-1e20)")]
    [InlineData("$fromMillis(253402300800000)")]
    [InlineData("$fromMillis(253402300799999, '[Y]', '+0100')")]
    public void DateOutsideTheYears1To9999_IsD1001_NotACrash(string expression)
    {
        // Found by fuzzing: these were ArgumentOutOfRangeExceptions from DateTimeOffset.
        Assert.Throws<JsonataException>(() => Eval(expression)).Code.Should().Be("D1001");
    }

    [Theory]
    [InlineData("$fromMillis(801216617, '[D#1,2]/[M1,2]/[Y000,--2]')", "10/01/")]
    [InlineData("$fromMillis(0, '[M0,]-[D01]')", "1-01")]
    [InlineData("$fromMillis(0, '[D01,1t]')", "01")]
    [InlineData("$fromMillis(0, '[FNn,-2]|[MNn,*-0]')", "Th|")]
    [InlineData("$fromMillis(0, '[Y0001,2-3]')", "970")]
    [InlineData("$formatInteger(1234567, '0,')", "1234567,")]
    [InlineData("$fromMillis(0, '[D0-]')", "1-")]
    public void OddWidthsAndSeparators_ReadAsTheReferenceReadsThem_NotACrash(string expression, string expected)
    {
        // Found by fuzzing: width modifiers with no digits or a second dash were FormatExceptions, a negative
        // maximum width an ArgumentOutOfRangeException, and separators only at position 0 a DivideByZeroException.
        ((JsonString)Eval(expression)!).Value.Should().Be(expected);
    }

    [Theory]
    [InlineData("$number('0x3Q')")]
    [InlineData("$number('z0b1')")]
    [InlineData("$number('x0o7')")]
    public void RadixStringThatIsNotWhollyALiteral_IsNaN_NotACrash(string expression)
    {
        // Found by fuzzing (a FormatException): the reference's pattern matches these, then Number() reads NaN.
        Assert.Throws<JsonataException>(() => Eval(expression)).Code.Should().Be("D1001");
    }

    [Fact]
    public void FormatNumber_WithAnEmptyZeroDigit_IsAJsonataError_NotACrash()
    {
        // Found by fuzzing (an IndexOutOfRangeException; a zero-digit of "" would also never end the zero trimming).
        Assert.Throws<JsonataException>(() => Eval("$formatNumber(0.1, '8eAAAA', {'zero-digit': ''})")).Code.Should().Be("SF2062");
        Eval("$formatNumber(12, '#\u0660', {'zero-digit': '\u0660'})").Should().Be(JsonValue.From("\u0661\u0662"));
    }

    [Fact]
    public void LambdaWithASignature_UndefinedArgumentForAnArrayParameter_StaysUndefined()
    {
        // Found by fuzzing: an undefined argument wrapped into a one-item array held a null item (NullReferenceException).
        Eval("\u03bb($a, $b)<s?an+:a<n>>{[$a, $b]}(1, $missing)").Should().Be(JsonValue.Parse("[1]"));
        Eval("\u03bb($a)<a<n>:a<n>>{$a}($missing)").Should().BeNull();
    }

    [Fact]
    public void LookupWithAnUndefinedKey_ReadsTheMemberNamedUndefined_AsInTheReference()
    {
        // Found by fuzzing: an ArgumentNullException from the object's member table.
        Eval("$lookup($, missing)", "{\"a\":1}").Should().BeNull();
        Eval("$lookup($, missing)", "{\"undefined\":1}").Should().Be(JsonValue.From(1));
    }

    [Fact]
    public void SignatureWithModifiersNoPatternCanHold_IsASyntaxError_NotACrash()
    {
        // Found by fuzzing: '?+' on one parameter was a RegexParseException.
        Assert.Throws<JsonataException>(() => Eval("λ($arr, $sep)<a<s>s?+s>{$join($arr, $sep)}(\"a\")")).Code.Should().Be("S0201");
    }

    [Theory]
    [InlineData("$formatNumber(-87564.4812, '000,000.000###;#.0,0###')")]
    [InlineData("$formatNumber(1234.5, '#,##0.0,0')")]
    public void GroupingSeparatorInTheFraction_IsPlacedAsTheReferenceDoes_NotACrash(string expression)
    {
        // Found by fuzzing: an ArgumentOutOfRangeException. The reference looks for the next separator in the
        // integer part even for the fraction, and JavaScript clamps the positions that gives.
        Eval(expression).Should().BeOfType<JsonString>();
    }

    [Theory]
    [InlineData("$fromMillis(253402300799999)", "9999-12-31T23:59:59.999Z")]
    [InlineData("$fromMillis(-62135596800000)", "0001-01-01T00:00:00.000Z")]
    [InlineData("$fromMillis(0, '[Y0001]-[M01]-[D01] [H01]', '+9900')", "1970-01-05 03")]
    [InlineData("$fromMillis(0, '[Y0001]-[M01]-[D01] [H01]', '-0130')", "1969-12-31 22")]
    public void FromMillis_ReadsTheClockAtAnyOffset_UpToTheEdgesOfTheRange(string expression, string expected)
    {
        ((JsonString)Eval(expression)!).Value.Should().Be(expected);
    }

    [Fact]
    public void DeepRecursion_EndsInU1001_NotAStackOverflow()
    {
        var error = Assert.Throws<JsonataException>(() => Eval("($f := function($n){ $n = 0 ? 0 : 1 + $f($n - 1) }; $f(1000000))"));

        error.Code.Should().Be("U1001");
    }

    [Fact]
    public void DepthLimit_IsEnforced_ButTailCallsRunInConstantDepth()
    {
        var options = new JsonataOptions { MaxDepth = 200 };

        Assert.Throws<JsonataException>(() => Eval("($f := function($n){ $n = 0 ? 0 : 1 + $f($n - 1) }; $f(500))", null, options)).Code.Should().Be("U1001");
        Eval("($f := function($n, $acc){ $n = 0 ? $acc : $f($n - 1, $acc + 1) }; $f(5000, 0))", null, options).Should().Be(JsonValue.From(5000));
    }

    [Fact]
    public void InfiniteLoop_EndsByTheTimeLimit()
    {
        var options = new JsonataOptions { TimeLimit = TimeSpan.FromMilliseconds(200) };
        var watch = Stopwatch.StartNew();

        var error = Assert.Throws<JsonataException>(() => Eval("($f := function($n){ $f($n + 1) }; $f(0))", null, options));

        error.Code.Should().Be("U1001");
        watch.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public void TimeLimit_UsesTheTimeProvider()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.Parse("2024-01-02T03:04:05Z", System.Globalization.CultureInfo.InvariantCulture)) { AutoAdvanceAmount = TimeSpan.FromSeconds(1) };
        var options = new JsonataOptions { TimeLimit = TimeSpan.FromSeconds(5), TimeProvider = clock };

        Assert.Throws<JsonataException>(() => Eval("($f := function($n){ $f($n + 1) }; $f(0))", null, options)).Code.Should().Be("U1001");
    }

    [Fact]
    public void Now_ComesFromTheTimeProvider_AndIsStableWithinAnEvaluation()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.Parse("2024-01-02T03:04:05.678Z", System.Globalization.CultureInfo.InvariantCulture));
        var options = new JsonataOptions { TimeProvider = clock };

        Eval("$now()", null, options).Should().Be(JsonValue.From("2024-01-02T03:04:05.678Z"));
        Eval("$millis() = $millis()", null, options).Should().Be(JsonValue.True);
    }

    [Fact]
    public void Cancellation_StopsEvaluation()
    {
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        var expression = JsonataExpression.Compile("($f := function($n){ $f($n + 1) }; $f(0))");

        var act = () => expression.Evaluate(null, null, cts.Token);

        act.Should().Throw<OperationCanceledException>();
    }

    [Fact]
    public void ResultSizeLimit_IsEnforced()
    {
        var options = new JsonataOptions { MaxResultItems = 1000 };

        Assert.Throws<JsonataException>(() => Eval("[1..5000]", null, options)).Code.Should().Be("U1001");
        Eval("$count([1..500])", null, options).Should().Be(JsonValue.From(500));
    }

    [Fact]
    public void ExtraFunctions_AreCallable_AndRemovedFunctionsAreGone()
    {
        var options = new JsonataOptions
        {
            ExtraFunctions = new Dictionary<string, JsonataFunction>
            {
                ["double"] = new("<n:n>", args => JsonValue.From(((JsonNumber)args[0]!).DoubleValue * 2)),
            },
            RemovedFunctions = ["eval"],
        };

        Eval("$double(21)", null, options).Should().Be(JsonValue.From(42));
        Assert.Throws<JsonataException>(() => Eval("$double('x')", null, options)).Code.Should().Be("T0410");
        Assert.Throws<JsonataException>(() => Eval("$eval('1')", null, options)).Code.Should().Be("T1006");
        Eval("$eval('1+1')").Should().Be(JsonValue.From(2));
    }

    [Fact]
    public void Bindings_AreVisibleAsVariables()
    {
        var expression = JsonataExpression.Compile("$x + $y");

        expression.Evaluate(null, new Dictionary<string, JsonValue> { ["x"] = JsonValue.From(1), ["y"] = JsonValue.From(2) })
            .Should().Be(JsonValue.From(3));
    }

    [Fact]
    public void CompiledExpression_IsThreadSafe()
    {
        var expression = JsonataExpression.Compile("$sum(items.(price * qty))");
        var data = JsonValue.Parse("{\"items\":[{\"price\":2,\"qty\":3},{\"price\":1.5,\"qty\":2}]}");

        Parallel.For(0, 200, _ => expression.Evaluate(data).Should().Be(JsonValue.From(9)));
    }

    [Fact]
    public void Transform_ReturnsAModifiedCopy_AndLeavesTheInputUnchanged()
    {
        var data = JsonValue.Parse("{\"a\":{\"b\":1,\"c\":2},\"d\":[{\"b\":3}]}");
        var before = data.ToJsonString();

        var result = JsonataExpression.Compile("$ ~> |**[$exists(b)]|{'b': b * 10}, ['c']|").Evaluate(data);

        result!.ToJsonString().Should().Be("{\"a\":{\"b\":10},\"d\":[{\"b\":30}]}");
        data.ToJsonString().Should().Be(before);
    }

    [Fact]
    public void Transform_ChangesOnlyThePlaceMatched_WhenOneNodeSitsAtTwoPlaces()
    {
        var shared = JsonValue.Parse("{\"x\":1}");
        var data = JsonObject.Create(("a", shared), ("b", shared), ("list", JsonArray.Create([shared, shared])));

        var result = JsonataExpression.Compile("$ ~> |a|{'y': 2}|").Evaluate(data);
        var inList = JsonataExpression.Compile("$ ~> |list[0]|{'y': 2}|").Evaluate(data);

        result!.ToJsonString().Should().Be("{\"a\":{\"x\":1,\"y\":2},\"b\":{\"x\":1},\"list\":[{\"x\":1},{\"x\":1}]}");
        inList!.ToJsonString().Should().Be("{\"a\":{\"x\":1},\"b\":{\"x\":1},\"list\":[{\"x\":1,\"y\":2},{\"x\":1}]}");
    }
}
