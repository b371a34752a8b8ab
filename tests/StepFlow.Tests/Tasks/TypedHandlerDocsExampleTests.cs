using System.Text.Json.Serialization;
using StepFlow.Definition;
using StepFlow.Execution;
using StepFlow.Json;
using StepFlow.Parsing;
using StepFlow.Persistence;

namespace StepFlow.Tests.Tasks.DocsExample;

// The example of docs/integrations.md, "Handlers written against .NET types", as it is written there.
public sealed record Order(string Id, int Quantity, decimal Price);

public sealed record Receipt(string OrderId, decimal Total);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(Order))]
[JsonSerializable(typeof(Receipt))]
internal sealed partial class OrdersJson : JsonSerializerContext;

public sealed class TypedHandlerDocsExampleTests
{
    [Fact]
    public async Task DocsExample_PricesTheOrder()
    {
        await using var engine = StepFlowEngine.CreateBuilder()
            .AddTaskHandler(
                "arn:aws:lambda:us-east-1:123456789012:function:price",
                (Order order, CancellationToken token) => Task.FromResult(new Receipt(order.Id, order.Quantity * order.Price)),
                OrdersJson.Default.Order,
                OrdersJson.Default.Receipt)
            .Build();
        var machine = StateMachine.Parse(
            """{"StartAt":"Price","States":{"Price":{"Type":"Task","Resource":"arn:aws:lambda:us-east-1:123456789012:function:price","End":true}}}""");

        var result = await engine.ExecuteAsync(machine, JsonValue.Parse("""{"id":"o-1","quantity":3,"price":2.50}"""));

        result.Status.Should().Be(ExecutionStatus.Succeeded);
        result.Output!.ToJsonString().Should().Be("""{"orderId":"o-1","total":7.50}""");
    }
}
