using System.Text.Json;

namespace StepFlow.Server;

/// <summary>One API call being answered: the engine, the request's members and the writer of the response object.</summary>
internal sealed class OperationContext(StepFlowEngine engine, ReadOnlyMemory<byte> rawRequest, JsonElement request, Utf8JsonWriter response, CancellationToken cancellationToken)
{
    /// <summary>The request body as received (UTF-8 JSON).</summary>
    public ReadOnlyMemory<byte> RawRequest { get; } = rawRequest;

    public StepFlowEngine Engine { get; } = engine;

    public Members Request { get; } = new(request);

    /// <summary>The response object's writer, positioned inside the object: write its members.</summary>
    public Utf8JsonWriter Response { get; } = response;

    public CancellationToken CancellationToken { get; } = cancellationToken;
}

/// <summary>Answers one operation: reads <see cref="OperationContext.Request"/>, writes <see cref="OperationContext.Response"/>.</summary>
internal delegate Task Operation(OperationContext context);
