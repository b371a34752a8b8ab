using System.Text.Json;
using System.Text.Json.Serialization;
using StepFlow.Errors;
using StepFlow.Execution;
using StepFlow.Json;
using StepFlow.Persistence;
using StepFlow.Tests.Execution;

namespace StepFlow.Tests.Tasks;

/// <summary>Task handlers written against .NET types: input deserialized and result serialized with System.Text.Json.</summary>
public sealed class TypedTaskHandlerTests
{
    private const string Resource = "arn:aws:lambda:us-east-1:123456789012:function:price";

    private const string Definition = """
        {"StartAt":"Price","States":{
          "Price":{"Type":"Task","Resource":"arn:aws:lambda:us-east-1:123456789012:function:price","ResultPath":"$.receipt",
            "Catch":[{"ErrorEquals":["States.TaskFailed"],"ResultPath":"$.error","Next":"Failed"}],"End":true},
          "Failed":{"Type":"Pass","End":true}}}
        """;

    public sealed record Order(string Id, int Quantity, decimal Price);

    public sealed record Receipt(string OrderId, decimal Total, ulong Serial);

    private static Task<Receipt> Price(Order order, CancellationToken cancellationToken) =>
        Task.FromResult(new Receipt(order.Id, order.Quantity * order.Price, 18446744073709551615));

    [Fact]
    public async Task AddTaskHandler_WithSourceGeneratedTypeInfo_ReadsInputAndWritesResultExactly()
    {
        var result = await EngineTestHost.RunAsync(
            Definition,
            """{"id":"o-1","quantity":3,"price":2.50}""",
            b => b.AddTaskHandler(Resource, Price, TypedHandlerJsonContext.Default.Order, TypedHandlerJsonContext.Default.Receipt));

        result.Status.Should().Be(ExecutionStatus.Succeeded);
        ((JsonObject)result.Output!)["receipt"].ToJsonString().Should().Be("""{"orderId":"o-1","total":7.50,"serial":18446744073709551615}""");
    }

    [Fact]
    public async Task AddTaskHandler_WithContextOrOptions_GivesTheSameResult()
    {
        const string input = """{"id":"o-2","quantity":2,"price":0.1}""";
        var withContext = await EngineTestHost.RunAsync(Definition, input, b => b.AddTaskHandler<Order, Receipt>(Resource, Price, TypedHandlerJsonContext.Default));
        var withOptions = await EngineTestHost.RunAsync(
            Definition, input, b => b.AddTaskHandler<Order, Receipt>(Resource, Price, new JsonSerializerOptions(JsonSerializerDefaults.Web)));

        withContext.Output.Should().Be(JsonValue.Parse("""{"id":"o-2","quantity":2,"price":0.1,"receipt":{"orderId":"o-2","total":0.2,"serial":18446744073709551615}}"""));
        withOptions.Output.Should().Be(withContext.Output);
    }

    [Fact]
    public async Task AddTaskHandler_InputThatDoesNotFit_FailsTheTaskNamingTypeAndPath()
    {
        var result = await EngineTestHost.RunAsync(
            Definition,
            """{"id":"o-3","quantity":"three","price":1}""",
            b => b.AddTaskHandler(Resource, Price, TypedHandlerJsonContext.Default.Order, TypedHandlerJsonContext.Default.Receipt));

        result.Status.Should().Be(ExecutionStatus.Succeeded, "Catch sees the failure like any task failure");
        var error = (JsonObject)((JsonObject)result.Output!)["error"];
        error["Error"].Should().Be(JsonValue.From(StatesErrorNames.TaskFailed));
        ((JsonString)error["Cause"]).Value.Should().StartWith(
            "The input of state 'Price' cannot be read as StepFlow.Tests.Tasks.TypedTaskHandlerTests.Order at JSON path $.quantity: ")
            .And.NotContain("LineNumber", "the path is given once, without System.Text.Json's position tail");
    }

    [Fact]
    public async Task AddTaskHandler_HandlerErrors_KeepTheirNames()
    {
        var result = await EngineTestHost.RunAsync(
            """{"StartAt":"Price","States":{"Price":{"Type":"Task","Resource":"arn:aws:lambda:us-east-1:123456789012:function:price","End":true}}}""",
            """{"id":"o-4","quantity":1,"price":1}""",
            b => b.AddTaskHandler<Order, Receipt>(
                Resource,
                async (order, token) =>
                {
                    await Task.Yield();
                    throw new StatesErrorException("Orders.OutOfStock", $"{order.Id} is out of stock");
                },
                TypedHandlerJsonContext.Default));

        result.Status.Should().Be(ExecutionStatus.Failed);
        result.Error.Should().Be("Orders.OutOfStock");
        result.Cause.Should().Be("o-4 is out of stock");
    }

    [Fact]
    public async Task AddTaskHandler_ResultTooDeepForTheEngine_FailsTheTask()
    {
        var deep = new JsonSerializerOptions { MaxDepth = 2000 };
        var result = await EngineTestHost.RunAsync(
            """{"StartAt":"Deep","States":{"Deep":{"Type":"Task","Resource":"arn:aws:lambda:us-east-1:123456789012:function:price","End":true}}}""",
            "{}",
            b => b.AddTaskHandler<JsonElement, System.Text.Json.Nodes.JsonNode>(
                Resource,
                (_, _) => Task.FromResult(System.Text.Json.Nodes.JsonNode.Parse(new string('[', 600) + new string(']', 600), documentOptions: new JsonDocumentOptions { MaxDepth = 1000 })!),
                deep));

        result.Error.Should().Be(StatesErrorNames.TaskFailed);
        result.Cause.Should().Contain("The result of state 'Deep'").And.Contain("maximum configured depth of 512");
    }

    [Fact]
    public void AddTaskHandler_ContextWithoutTheType_IsRefusedAtRegistration()
    {
        var register = () => StepFlowEngine.CreateBuilder().AddTaskHandler<Order, DateTimeOffset[]>(
            Resource, (_, _) => Task.FromResult(Array.Empty<DateTimeOffset>()), TypedHandlerJsonContext.Default);

        register.Should().Throw<ArgumentException>().WithMessage("*TypedHandlerJsonContext*System.DateTimeOffset[]*");
    }
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, NumberHandling = JsonNumberHandling.Strict)]
[JsonSerializable(typeof(TypedTaskHandlerTests.Order))]
[JsonSerializable(typeof(TypedTaskHandlerTests.Receipt))]
internal sealed partial class TypedHandlerJsonContext : JsonSerializerContext;
