using StepFlow.Execution;
using StepFlow.Json;
using StepFlow.Conformance.Asl;
using StepFlow.Persistence;

namespace StepFlow.Tests.Conformance;

public sealed class ConformanceComparatorTests
{
    private static ConformanceCase Case(string expected, string? history = null, bool reordered = false)
    {
        var extra = (history is null ? string.Empty : ", \"history\": " + history)
            + (reordered ? ", \"historyReordered\": true" : string.Empty);
        return ConformanceCase.Parse(
            "{\"name\": \"sample\", \"features\": [\"pass\", \"jsonpath\"], "
            + "\"definition\": {\"StartAt\": \"P\", \"States\": {\"P\": {\"Type\": \"Pass\", \"End\": true}}}, "
            + "\"input\": {}, \"expected\": " + expected + extra + "}");
    }

    [Fact]
    public void Compare_SucceededWithEqualOutputModuloTokens_Passes()
    {
        var testCase = Case("""{"status":"SUCCEEDED","output":{"id":"arn:{{ArnPart_0idx}}","n":1}}""");

        var outcome = ConformanceComparator.Compare(testCase, ExecutionStatus.Succeeded, JsonValue.Parse("""{"n":1.0,"id":"arn:Machine"}"""), null, null, null);

        outcome.Passed.Should().BeTrue();
        outcome.Differences.Should().BeEmpty();
        outcome.CauseMatched.Should().BeNull();
        outcome.HistoryMatched.Should().BeNull();
    }

    [Fact]
    public void Compare_DifferentStatus_FailsAndSaysWhatItGot()
    {
        var testCase = Case("""{"status":"SUCCEEDED","output":{}}""");

        var outcome = ConformanceComparator.Compare(testCase, ExecutionStatus.Failed, null, "States.Runtime", "boom", null);

        outcome.Passed.Should().BeFalse();
        outcome.Differences.Should().ContainSingle().Which.Should().Contain("expected SUCCEEDED, got FAILED").And.Contain("States.Runtime");
    }

    [Fact]
    public void Compare_DifferentOutput_FailsWithThePath()
    {
        var testCase = Case("""{"status":"SUCCEEDED","output":{"a":[1,2]}}""");

        var outcome = ConformanceComparator.Compare(testCase, ExecutionStatus.Succeeded, JsonValue.Parse("""{"a":[1,3]}"""), null, null, null);

        outcome.Passed.Should().BeFalse();
        outcome.Differences.Should().ContainSingle().Which.Should().Contain("$.a[1]");
    }

    [Fact]
    public void Compare_FailedWithSameErrorButOtherCause_PassesAndReportsTheCauseSeparately()
    {
        var testCase = Case("""{"status":"FAILED","error":"States.Runtime","cause":"An error occurred."}""");

        var outcome = ConformanceComparator.Compare(testCase, ExecutionStatus.Failed, null, "States.Runtime", "Something else.", null);

        outcome.Passed.Should().BeTrue();
        outcome.CauseMatched.Should().BeFalse();
        outcome.Differences.Should().ContainSingle().Which.Should().StartWith("cause:");
    }

    [Fact]
    public void Compare_FailedWithOtherError_Fails()
    {
        var testCase = Case("""{"status":"FAILED","error":"States.Runtime","cause":null}""");

        var outcome = ConformanceComparator.Compare(testCase, ExecutionStatus.Failed, null, "States.TaskFailed", null, null);

        outcome.Passed.Should().BeFalse();
        outcome.CauseMatched.Should().BeTrue("both causes are null");
    }

    [Fact]
    public void Compare_JsonCause_ComparesAsJsonWithTokens()
    {
        var testCase = Case("""{"status":"FAILED","error":"Exception","cause":"{\"errorMessage\":\"boom\",\"requestId\":\"{{uuid:1}}\"}"}""");

        var spaced = ConformanceComparator.Compare(testCase, ExecutionStatus.Failed, null, "Exception", """{ "requestId": "abc-123", "errorMessage": "boom" }""", null);
        var different = ConformanceComparator.Compare(testCase, ExecutionStatus.Failed, null, "Exception", """{"requestId":"abc-123","errorMessage":"bang"}""", null);
        var notJson = ConformanceComparator.Compare(testCase, ExecutionStatus.Failed, null, "Exception", "boom", null);

        spaced.CauseMatched.Should().BeTrue();
        different.CauseMatched.Should().BeFalse();
        notJson.CauseMatched.Should().BeFalse();
    }

    [Fact]
    public void Compare_History_ExactOrderUnlessReordered()
    {
        const string history = """["ExecutionStarted","ParallelStateEntered","PassStateEntered","PassStateExited","ExecutionSucceeded"]""";
        var ordered = Case("""{"status":"SUCCEEDED","output":{}}""", history);
        var reordered = Case("""{"status":"SUCCEEDED","output":{}}""", history, reordered: true);
        string[] shuffled = ["ExecutionStarted", "PassStateEntered", "ParallelStateEntered", "PassStateExited", "ExecutionSucceeded"];
        string[] missing = ["ExecutionStarted", "ParallelStateEntered", "PassStateEntered", "ExecutionSucceeded"];

        var exact = ConformanceComparator.Compare(ordered, ExecutionStatus.Succeeded, JsonObject.Empty, null, null, shuffled);
        var multiset = ConformanceComparator.Compare(reordered, ExecutionStatus.Succeeded, JsonObject.Empty, null, null, shuffled);
        var multisetMissing = ConformanceComparator.Compare(reordered, ExecutionStatus.Succeeded, JsonObject.Empty, null, null, missing);

        exact.Passed.Should().BeTrue("history does not decide pass/fail");
        exact.HistoryMatched.Should().BeFalse();
        exact.Differences.Should().ContainSingle().Which.Should().Contain("event 2");
        multiset.HistoryMatched.Should().BeTrue();
        multisetMissing.HistoryMatched.Should().BeFalse();
        multisetMissing.Differences.Should().ContainSingle().Which.Should().Contain("PassStateExited missing");
    }

    [Fact]
    public void Compare_CaseWithoutHistory_SkipsTheHistoryComparison()
    {
        var testCase = Case("""{"status":"SUCCEEDED","output":1}""");

        var outcome = ConformanceComparator.Compare(testCase, ExecutionStatus.Succeeded, JsonValue.From(1), null, null, ["ExecutionStarted"]);

        outcome.HistoryMatched.Should().BeNull();
        outcome.Passed.Should().BeTrue();
    }

    [Theory]
    [InlineData(new[] { "A", "B" }, new[] { "A", "B", "C" }, "extra")]
    [InlineData(new[] { "A", "B", "C" }, new[] { "A", "B" }, "missing")]
    public void CompareHistory_DifferentLengths_AreDescribed(string[] expected, string[] actual, string word)
    {
        ConformanceComparator.CompareHistory(expected, actual, reordered: false).Should().Contain(word);
    }
}
