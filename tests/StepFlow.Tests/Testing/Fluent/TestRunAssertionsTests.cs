using FluentAssertions.Execution;
using StepFlow.Testing;
using StepFlow.Testing.FluentAssertions;

namespace StepFlow.Tests.Fluent;

/// <summary>StepFlow.Testing.FluentAssertions: each assertion passes on a matching run and fails with a message that says what was expected and what happened.</summary>
public sealed class TestRunAssertionsTests
{
    private static Task<TestRunResult> HappyAsync() => StateMachineTest.FromText(FluentDefinitions.Order)
        .MockState("Validate", """{"Payload":{"valid":true}}""")
        .MockState("Charge", m => m.Throw(2, "Payment.Timeout").Return("""{"id":"c-1","amount":10}"""))
        .MockResource("arn:aws:states:::sqs:sendMessage", "{}")
        .RunAsync("""{"orderId":"o-1"}""");

    private static Task<TestRunResult> DeclinedAsync() => StateMachineTest.FromText(FluentDefinitions.Order)
        .MockState("Validate", """{"Payload":{"valid":true}}""")
        .MockState("Charge", m => m.Throw("Payment.Declined", "card expired"))
        .RunAsync("""{"orderId":"o-1"}""");

    private static string FailureOf(Action assertion) =>
        FluentActions.Invoking(assertion).Should().Throw<Xunit.Sdk.XunitException>().Which.Message;

    [Fact]
    public async Task Assertions_OnAMatchingRun_Pass()
    {
        var result = await HappyAsync();

        result.Should().Succeed().WithOutput("""{"charge":{"amount":10,"id":"c-1"},"validation":{"valid":true},"orderId":"o-1"}""");
        result.Should().HaveVisited("Validate", "Cool off", "Ship")
            .And.HaveVisitedExactly("Validate", "Charge", "Cool off", "Valid?", "Ship")
            .And.NotHaveVisited("Reject")
            .And.HaveRetried("Charge", times: 2)
            .And.HaveStateInput("Charge", """{"validation":{"valid":true},"orderId":"o-1"}""")
            .And.HaveStateOutput("Validate", """{"orderId":"o-1","validation":{"valid":true}}""");
        (await DeclinedAsync()).Should().Fail().WithError("Order.Rejected").WithCause("the order was *");
    }

    [Fact]
    public async Task Succeed_OnAFailedRun_SaysHowItEndedAndThePath()
    {
        var result = await DeclinedAsync();

        FailureOf(() => result.Should().Succeed("the card is fine")).Should().Be(
            "Expected the execution to succeed because the card is fine, but it ended ExecutionStatus.Failed {value: 2} with error \"Order.Rejected\" and cause \"the order was rejected\" after \"the path Validate → Charge → Reject\".");
    }

    [Fact]
    public async Task WithOutput_Different_NamesTheFirstDifference()
    {
        var result = await HappyAsync();

        FailureOf(() => result.Should().Succeed().WithOutput("""{"orderId":"o-1","validation":{"valid":true},"charge":{"id":"c-1","amount":12}}""")).Should().Be(
            "Expected the execution's output to be \"{\"orderId\":\"o-1\",\"validation\":{\"valid\":true},\"charge\":{\"id\":\"c-1\",\"amount\":12}}\", but it was \"{\"orderId\":\"o-1\",\"validation\":{\"valid\":true},\"charge\":{\"id\":\"c-1\",\"amount\":10}}\" (\"$.charge.amount: expected 12, found 10\").");
    }

    [Fact]
    public async Task Fail_OnASucceededRun_ShowsTheOutput()
    {
        var result = await HappyAsync();

        FailureOf(() => result.Should().Fail()).Should().StartWith("Expected the execution to fail, but it succeeded with output \"{\"orderId\":\"o-1\"");
    }

    [Fact]
    public async Task WithError_Different_ShowsTheActualErrorAndCause()
    {
        var result = await DeclinedAsync();

        FailureOf(() => result.Should().Fail().WithError("Payment.Declined")).Should().Be(
            "Expected the execution to fail with error \"Payment.Declined\", but it failed with \"Order.Rejected\" (cause \"the order was rejected\") after \"the path Validate → Charge → Reject\".");
        FailureOf(() => result.Should().Fail().WithCause("card*")).Should().Be(
            "Expected the execution to fail with cause \"card*\", but the cause was \"the order was rejected\".");
    }

    [Fact]
    public async Task HaveVisited_OutOfOrder_ShowsThePathAndWhatIsMissing()
    {
        var result = await HappyAsync();

        FailureOf(() => result.Should().HaveVisited("Ship", "Charge")).Should().Be(
            "Expected the execution to visit \"Ship → Charge\" in this order, but it visited \"Validate → Charge → Cool off → Valid? → Ship\" (no Charge came after Ship).");
        FailureOf(() => result.Should().HaveVisited("Reject")).Should().EndWith("(Reject was never visited).");
        FailureOf(() => result.Should().HaveVisitedExactly("Validate", "Charge")).Should().Be(
            "Expected the execution to visit exactly \"Validate → Charge\", but it visited \"Validate → Charge → Cool off → Valid? → Ship\".");
        FailureOf(() => result.Should().NotHaveVisited("Ship")).Should().Be(
            "Expected the execution not to visit \"Ship\", but it did: \"the path Validate → Charge → Cool off → Valid? → Ship\".");
    }

    [Fact]
    public async Task HaveStateInputAndOutput_Different_NameTheStateAndTheDifference()
    {
        var result = await HappyAsync();

        FailureOf(() => result.Should().HaveStateInput("Charge", """{"orderId":"o-2","validation":{"valid":true}}""")).Should().Be(
            "Expected the input of \"Charge\" to be \"{\"orderId\":\"o-2\",\"validation\":{\"valid\":true}}\", but it was \"{\"orderId\":\"o-1\",\"validation\":{\"valid\":true}}\" (\"$.orderId: expected \"o-2\", found \"o-1\"\").");
        FailureOf(() => result.Should().HaveStateOutput("Charge", """{"orderId":"o-1"}""")).Should().Contain(
            "$.validation: found {\"valid\":true}, which is not expected");
        FailureOf(() => result.Should().HaveStateOutput("Reject", "{}")).Should().Be(
            "Expected the output of \"Reject\" to be \"{}\", but \"Reject\" was never visited: \"the path Validate → Charge → Cool off → Valid? → Ship\".");
    }

    [Fact]
    public async Task HaveStateOutput_OfAStateThatNeverExited_SaysSo()
    {
        var result = await DeclinedAsync();

        FailureOf(() => result.Should().HaveStateOutput("Reject", "{}")).Should().Be(
            "Expected the output of \"Reject\" to be \"{}\", but \"Reject\" never exited.");
    }

    [Fact]
    public async Task HaveRetried_WrongCount_ShowsTheActualCount()
    {
        var result = await HappyAsync();

        FailureOf(() => result.Should().HaveRetried("Charge", times: 3)).Should().Be(
            "Expected \"Charge\" to be retried 3 time(s), but it was retried 2 time(s).");
        FailureOf(() => result.Should().HaveRetried("Reject", times: 0)).Should().Be(
            "Expected \"Reject\" to be retried 0 time(s), but it was never visited: \"the path Validate → Charge → Cool off → Valid? → Ship\".");
    }

    [Fact]
    public async Task Assertions_InAnAssertionScope_ReportEveryFailure()
    {
        var result = await HappyAsync();

        var message = FailureOf(() =>
        {
            using var scope = new AssertionScope();
            result.Should().HaveRetried("Charge", times: 1);
            result.Should().NotHaveVisited("Ship");
        });

        message.Should().Contain("retried 1 time(s)").And.Contain("not to visit \"Ship\"");
    }
}
