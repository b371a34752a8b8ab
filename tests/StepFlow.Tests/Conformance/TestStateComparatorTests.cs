using StepFlow.Conformance.TestState;

namespace StepFlow.Tests.Conformance;

/// <summary>The TestState recordings' comparison rules: same fields, JSON text as JSON, tokens bound once, normalisation.</summary>
public sealed class TestStateComparatorTests
{
    [Fact]
    public void Token_MatchesAnyText_ButTheSameTextEverywhere()
    {
        var matcher = new TestStateTokenMatcher("{}");

        matcher.Match("arn:x:<resource:1>", "arn:x:abc").Should().BeTrue();
        matcher.Match("name <resource:1>", "name abc").Should().BeTrue();
        matcher.Match("name <resource:1>", "name abd").Should().BeFalse();
    }

    [Fact]
    public void TokenTextInTheRequest_IsData()
    {
        var matcher = new TestStateTokenMatcher("""{"input":"<literal>"}""");

        matcher.Match("<literal>", "anything").Should().BeFalse();
        matcher.Match("<literal>", "<literal>").Should().BeTrue();
    }

    [Fact]
    public void Response_WithAnExtraOrMissingField_DoesNotMatch()
    {
        var testCase = Case("""{"status":"SUCCEEDED","output":{"a":1}}""");

        TestStateComparator.CompareResponse(testCase, """{"status":"SUCCEEDED","output":"{\"a\":1}"}""").Should().BeNull();
        TestStateComparator.CompareResponse(testCase, """{"status":"SUCCEEDED","output":"{\"a\":1}","nextState":"N"}""").Should().Contain("nextState");
        TestStateComparator.CompareResponse(testCase, """{"status":"SUCCEEDED"}""").Should().Contain("output");
        TestStateComparator.CompareResponse(testCase, """{"status":"SUCCEEDED","output":"{\"a\":2}"}""").Should().Contain("$.output.a");
    }

    [Fact]
    public void ActualResponse_IsNormalisedAsTheRecorderDid()
    {
        var testCase = Case("""{"status":"SUCCEEDED","output":{"Id":"arn:<partition>:states:<region>:1:x","At":"date"}}""");

        TestStateComparator.CompareResponse(
            testCase,
            """{"status":"SUCCEEDED","output":"{\"Id\":\"arn:aws:states:us-east-1:1:x\",\"At\":\"2026-01-01T00:00:00.000Z\"}"}""").Should().BeNull();
    }

    private static TestStateCase Case(string expected)
    {
        var path = Path.Combine(Path.GetTempPath(), $"teststate-case-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, $$"""{"name":"c","request":{"definition":"{}"},"expected":{{expected}}}""");
        try
        {
            return TestStateCase.Load(path);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
