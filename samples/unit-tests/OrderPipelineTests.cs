using FluentAssertions;
using StepFlow.Testing;
using StepFlow.Testing.FluentAssertions;
using Xunit;

namespace OrderPipeline.Tests;

/// <summary>samples/order-pipeline under test: Task states mocked by name, the rest of the definition runs as it is.</summary>
public class OrderPipelineTests
{
    private const string Gold = """
        {"orderId":"1042","customer":{"id":"C-7","email":"ada@example.com","tier":"gold"},
         "lines":[{"sku":"BOOK-001","quantity":2,"unitPrice":12.5}]}
        """;

    [Fact]
    public async Task GoldOrder_IsConfirmedWithoutReview()
    {
        var sut = StateMachineTest.FromFile("order-pipeline.asl.json")
            .MockState("PriceLine", """{"sku":"BOOK-001","lineTotal":25.0}""")
            .MockState("NotifyCustomer", """{"to":"ada@example.com","subject":"Your order ORD-C-7-1042 is confirmed"}""");

        var result = await sut.RunAsync(Gold);

        result.Should().Succeed().WithOutput("""
            {"orderId":"1042","reference":"ORD-C-7-1042","status":"CONFIRMED",
             "lines":[{"sku":"BOOK-001","lineTotal":25.0}],"warehouse":"EU-1",
             "notification":{"to":"ada@example.com","subject":"Your order ORD-C-7-1042 is confirmed"}}
            """);
        result.Should().HaveVisited("NormaliseOrder", "PriceLines", "ClassifyOrder", "FulfilOrder", "ConfirmOrder")
            .And.NotHaveVisited("HoldForReview")
            .And.HaveStateInput("PriceLine", """{"sku":"BOOK-001","quantity":2,"unitPrice":12.5,"position":0}""");
    }

    [Fact]
    public async Task SilverOrder_WithFlakyPricing_RetriesThreeTimesAndWaitsADayForReview()
    {
        var sut = StateMachineTest.FromFile("order-pipeline.asl.json")
            .MockState("PriceLine", m => m.Throw(3, "States.TaskFailed", "price service unavailable").Return("""{"lineTotal":25.0}"""))
            .MockState("NotifyCustomer", """{"to":"ada@example.com","subject":"confirmed"}""");

        var result = await sut.RunAsync(Gold.Replace("gold", "silver", StringComparison.Ordinal));

        result.Should().Succeed();
        result.Should().HaveVisited("PriceLines", "ClassifyOrder", "HoldForReview", "FulfilOrder", "ConfirmOrder")
            .And.HaveRetried("PriceLine", times: 3);
        result.Duration.Should().Be(TimeSpan.FromDays(1) + TimeSpan.FromSeconds(1 + 2 + 4), "the day's hold and the back-offs pass on the fake clock");
    }

    [Fact]
    public async Task EmptyOrder_IsRejected()
    {
        var result = await StateMachineTest.FromFile("order-pipeline.asl.json").RunAsync("""
            {"orderId":"1","customer":{"id":"x","tier":"gold"},"lines":[]}
            """);

        result.Should().Fail().WithError("Order.Empty").WithCause("The order has no lines.");
        result.Should().HaveVisitedExactly("NormaliseOrder", "PriceLines", "ClassifyOrder", "RejectOrder");
    }
}
