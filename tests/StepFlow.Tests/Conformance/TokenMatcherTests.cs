using StepFlow.Json;
using StepFlow.Conformance.Asl;

namespace StepFlow.Tests.Conformance;

public sealed class TokenMatcherTests
{
    [Theory]
    [InlineData("{{uuid:1}}", "0b5f1c0e-7d4e-4a59-9a61-2f1f1f1f1f1f", true)]
    [InlineData("arn:aws:states:us-east-1:111111111111:execution:{{ArnPart_0idx}}:{{ExecArnPart_0idx}}", "arn:aws:states:us-east-1:111111111111:execution:Machine:run-1", true)]
    [InlineData("arn:aws:states:us-east-1:111111111111:execution:{{ArnPart_0idx}}:{{ExecArnPart_0idx}}", "arn:aws:states:us-east-1:111111111111:stateMachine:Machine", false)]
    [InlineData("prefix-{{uuid:1}}", "prefix-", false)]
    [InlineData("a.b{{x}}", "aXbY", false)]
    [InlineData("no tokens here", "no tokens here", true)]
    [InlineData("no tokens here", "No tokens here", false)]
    public void MatchString_TokenIsAWildcardForOneOrMoreCharacters(string expected, string actual, bool matches)
    {
        new TokenMatcher().MatchString(expected, actual).Should().Be(matches);
    }

    [Fact]
    public void MatchString_SameTokenTwiceInOneString_MustMatchTheSameText()
    {
        new TokenMatcher().MatchString("{{a}}/{{a}}", "x/x").Should().BeTrue();
        new TokenMatcher().MatchString("{{a}}/{{a}}", "x/y").Should().BeFalse();
    }

    [Fact]
    public void Match_SameTokenInTwoStrings_MustBindConsistentlyAcrossTheValue()
    {
        var expected = JsonValue.Parse("""{"id":"{{uuid:1}}","again":"{{uuid:1}}","other":"{{uuid:2}}"}""");

        new TokenMatcher().Match(expected, JsonValue.Parse("""{"id":"u-1","again":"u-1","other":"u-1"}"""), out _).Should().BeTrue();
        new TokenMatcher().Match(expected, JsonValue.Parse("""{"id":"u-1","again":"u-2","other":"u-3"}"""), out var difference).Should().BeFalse();
        difference.Should().Contain("$.again");
    }

    [Fact]
    public void Match_BindingsPersistAcrossCallsOfOneMatcher()
    {
        var matcher = new TokenMatcher();

        matcher.Match(JsonValue.From("{{ExecArnPart_0idx}}"), JsonValue.From("run-1"), out _).Should().BeTrue();

        matcher.Bindings.Should().ContainKey("{{ExecArnPart_0idx}}").WhoseValue.Should().Be("run-1");
        matcher.MatchString("exec:{{ExecArnPart_0idx}}", "exec:run-2").Should().BeFalse();
        matcher.MatchString("exec:{{ExecArnPart_0idx}}", "exec:run-1").Should().BeTrue();
    }

    [Fact]
    public void Match_Failure_LeavesEarlierBindingsUntouched()
    {
        var matcher = new TokenMatcher();

        matcher.Match(JsonValue.Parse("""["{{t}}", 1]"""), JsonValue.Parse("""["bound", 2]"""), out _).Should().BeFalse();

        matcher.Bindings.Should().BeEmpty();
        matcher.MatchString("{{t}}", "other").Should().BeTrue();
    }

    [Fact]
    public void Match_ObjectsIgnoreMemberOrder_ArraysDoNot_NumbersCompareByValue()
    {
        var matcher = new TokenMatcher();

        matcher.Match(JsonValue.Parse("""{"a":1,"b":[1,2]}"""), JsonValue.Parse("""{"b":[1,2],"a":1.0}"""), out _).Should().BeTrue();
        matcher.Match(JsonValue.Parse("""{"b":[1,2]}"""), JsonValue.Parse("""{"b":[2,1]}"""), out var order).Should().BeFalse();
        order.Should().Contain("$.b[0]");
    }

    [Fact]
    public void Match_MissingAndExtraMembers_AreReportedWithTheirPath()
    {
        var matcher = new TokenMatcher();

        matcher.Match(JsonValue.Parse("""{"a":{"b":1}}"""), JsonValue.Parse("""{"a":{}}"""), out var missing).Should().BeFalse();
        matcher.Match(JsonValue.Parse("""{"a":{}}"""), JsonValue.Parse("""{"a":{"c":true}}"""), out var extra).Should().BeFalse();

        missing.Should().Contain("$.a.b").And.Contain("missing");
        extra.Should().Contain("$.a.c").And.Contain("unexpected");
    }

    [Fact]
    public void Match_TokenOnlyMatchesInsideStrings()
    {
        new TokenMatcher().Match(JsonValue.From("{{uuid:1}}"), JsonValue.From(42), out _).Should().BeFalse();
        new TokenMatcher().Match(JsonValue.From("{{uuid:1}}"), JsonValue.From(string.Empty), out _).Should().BeFalse();
    }

    [Fact]
    public void Match_TokenInExpected_MatchesTheSameTokenPassedThroughLiterally()
    {
        // A stub returns recorded values that contain tokens unchanged; they must still match.
        new TokenMatcher().Match(JsonValue.Parse("""{"requestId":"{{uuid:1}}"}"""), JsonValue.Parse("""{"requestId":"{{uuid:1}}"}"""), out _)
            .Should().BeTrue();
    }

    [Fact]
    public void Match_StringsHoldingJsonObjects_CompareAsJson()
    {
        var expected = JsonValue.Parse("""{"Cause":"{\"errorMessage\": \"boom\", \"requestId\": \"{{uuid:1}}\"}"}""");

        new TokenMatcher().Match(expected, JsonValue.Parse("""{"Cause":"{\"errorMessage\":\"boom\",\"requestId\":\"r-1\"}"}"""), out _).Should().BeTrue();
        new TokenMatcher().Match(expected, JsonValue.Parse("""{"Cause":"{\"errorMessage\":\"bang\",\"requestId\":\"r-1\"}"}"""), out _).Should().BeFalse();
        new TokenMatcher().Match(JsonValue.From("{not json}"), JsonValue.From("{not  json}"), out _).Should().BeFalse();
    }
}
