using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Serialization;
using StepFlow.Hosting;
using StepFlow.Json;
using StepFlow.Tasks;

namespace StepFlow.Samples.WebService;

/// <summary>An order as the POST /orders body and the workflow's input.</summary>
public sealed record Order(string OrderId, decimal Amount);

/// <summary>What Reserve returns.</summary>
public sealed record Reservation(string ReservationId);

/// <summary>What Ship returns.</summary>
public sealed record Shipment(string TrackingNumber);

/// <summary>A person's answer: POST /orders/{orderId}/approval.</summary>
public sealed record ApprovalAnswer(bool Approved, string? Comment);

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(Order))]
[JsonSerializable(typeof(Reservation))]
[JsonSerializable(typeof(Shipment))]
[JsonSerializable(typeof(ApprovalAnswer))]
public sealed partial class OrderJson : JsonSerializerContext;

/// <summary>The stock service (a stand-in): one scoped instance per task invocation.</summary>
public sealed class Inventory
{
    public Task<string> ReserveAsync(Order order, CancellationToken cancellationToken) =>
        Task.FromResult($"res-{order.OrderId}");
}

/// <summary>Reserve: a typed handler from DI.</summary>
public sealed class ReserveHandler(Inventory inventory) : ITaskHandler<Order, Reservation>
{
    public async Task<Reservation> InvokeAsync(Order input, CancellationToken cancellationToken) =>
        new(await inventory.ReserveAsync(input, cancellationToken));
}

/// <summary>Ship: a typed handler from DI.</summary>
public sealed class ShipHandler : ITaskHandler<Order, Shipment>
{
    public Task<Shipment> InvokeAsync(Order input, CancellationToken cancellationToken) =>
        Task.FromResult(new Shipment($"TRK-{input.OrderId}"));
}

/// <summary>
/// The approvals waiting for a person, by order id. A real service would send the token in a message or an e-mail; here
/// the second endpoint looks it up.
/// </summary>
public sealed class ApprovalInbox
{
    private readonly ConcurrentDictionary<string, string> _tokens = new(StringComparer.Ordinal);

    public void Add(string orderId, string token) => _tokens[orderId] = token;

    public bool TryTake(string orderId, out string token) => _tokens.TryRemove(orderId, out token!);
}

/// <summary>Approve: the .waitForTaskToken step hands its token to the inbox and the execution waits for the answer.</summary>
public sealed class ApprovalRequestHandler(ApprovalInbox inbox) : ITaskHandler
{
    public ValueTask<JsonValue> InvokeAsync(TaskInvocation invocation, CancellationToken cancellationToken)
    {
        var orderId = ((JsonString)((JsonObject)invocation.Input)["orderId"]).Value;
        inbox.Add(orderId, invocation.TaskToken!);
        return ValueTask.FromResult<JsonValue>(JsonObject.Empty);
    }
}
