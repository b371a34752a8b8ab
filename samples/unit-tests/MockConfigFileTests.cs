using FluentAssertions;
using StepFlow.Testing;
using StepFlow.Testing.FluentAssertions;
using StepFlow.Testing.Mocks;
using Xunit;

namespace OrderPipeline.Tests;

/// <summary>
/// The same definition under the test cases of a Step Functions Local mock config file (MockConfigFile.json), unchanged
/// from what Step Functions Local would read: attempts count per state, an attempt with no entry fails the execution.
/// </summary>
public class MockConfigFileTests
{
    private static readonly MockConfig Config = MockConfig.Load("MockConfigFile.json");

    private const string Silver = """
        {"orderId":"1042","customer":{"id":"C-7","email":"ada@example.com","tier":"silver"},
         "lines":[{"sku":"BOOK-001","quantity":2,"unitPrice":12.5},{"sku":"PEN-007","quantity":10,"unitPrice":1.2}]}
        """;

    private static StateMachineTest Sut(string testCase) =>
        StateMachineTest.FromFile("order-pipeline.asl.json").UseTestCase(Config, "order-pipeline", testCase);

    [Fact]
    public async Task HappyPath_PricesBothLinesAndNotifies()
    {
        var result = await Sut("HappyPath").RunAsync(Silver);

        result.Should().Succeed();
        result.Should().HaveStateOutput("NotifyCustomer", """{"to":"ada@example.com","subject":"Your order ORD-C-7-1042 is confirmed"}""")
            .And.HaveVisited("PriceLines", "HoldForReview", "ConfirmOrder");
        result.Output!.ToJsonString().Should().Contain("\"lineTotal\":12");
    }

    // PriceLine runs once per line in a Map, and every invocation takes the next attempt number (as in Step Functions
    // Local): the retry cases use a one-line order so that the attempts are that line's.
    private static readonly string OneLine = Silver.Replace(""",{"sku":"PEN-007","quantity":10,"unitPrice":1.2}""", "", StringComparison.Ordinal);

    [Fact]
    public async Task PricingFlaky_SucceedsOnTheLastRetry()
    {
        var result = await Sut("PricingFlaky").RunAsync(OneLine);

        result.Should().Succeed();
        result.Should().HaveRetried("PriceLine", times: 3);
    }

    [Fact]
    public async Task PricingDown_FailsTheExecutionOnceRetriesRunOut()
    {
        var result = await Sut("PricingDown").RunAsync(OneLine);

        result.Should().Fail().WithError("States.TaskFailed").WithCause("price service unavailable");
        result.Should().NotHaveVisited("FulfilOrder");
    }
}
