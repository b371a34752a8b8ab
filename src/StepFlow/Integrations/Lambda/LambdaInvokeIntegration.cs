using StepFlow.Errors;
using StepFlow.Execution;
using StepFlow.Execution.Dispatch;
using StepFlow.Json;
using StepFlow.Tasks;

namespace StepFlow.Integrations.Lambda;

/// <summary>
/// The optimised integration <c>arn:aws:states:::lambda:invoke</c>: takes <c>FunctionName</c> and
/// <c>Payload</c>, calls the handler registered for that function's ARN and returns AWS's response shape
/// (<c>ExecutedVersion</c>, <c>Payload</c>, <c>SdkHttpMetadata</c> with the headers of Lambda's Invoke response,
/// <c>SdkResponseMetadata</c>, <c>StatusCode</c>), so a ResultSelector or a recorded test sees what AWS gives.
/// </summary>
internal sealed class LambdaInvokeIntegration : ITaskIntegration
{
    public const string Resource = "arn:aws:states:::lambda:invoke";

    public bool Handles(string resource, string? baseResource) => resource == Resource || baseResource == Resource;

    public async ValueTask<JsonValue> InvokeAsync(RunContext run, TaskInvocation invocation, long nowUtcTicks, CancellationToken cancellationToken)
    {
        if (invocation.Input is not JsonObject parameters || !parameters.TryGetValue("FunctionName", out var nameValue) || nameValue is not JsonString name)
        {
            throw new StatesErrorException(StatesErrorNames.TaskFailed, "The lambda:invoke parameters need a string 'FunctionName'.");
        }

        var functionArn = name.Value.StartsWith("arn:", StringComparison.Ordinal)
            ? name.Value
            : $"arn:{run.Options.Partition}:lambda:{run.Options.Region}:{run.Options.AccountId}:function:{name.Value}";
        var handler = run.Engine.Handlers.Find(functionArn)
            ?? throw new StatesErrorException(
                "Lambda.ResourceNotFoundException",
                $"Function not found: {functionArn} (no task handler is registered for it).");
        var payload = parameters.TryGetValue("Payload", out var p) ? p : JsonObject.Empty;
        var functionInvocation = invocation.ForResource(functionArn, payload);
        JsonValue result;
        try
        {
            result = await HandlerCalls.InvokeAsync(run, handler, functionInvocation, nowUtcTicks, cancellationToken).ConfigureAwait(false)
                ?? throw HandlerCalls.NullResult(functionInvocation);
        }
        catch (Exception e) when (TaskDispatcher.Translate(e, functionInvocation, cancellationToken) is { } translated)
        {
            throw translated;
        }

        var requestId = run.NewUuid().ToString();
        return JsonObject.Create(
            ("ExecutedVersion", JsonValue.From(ExecutedVersion)),
            ("Payload", result),
            ("SdkHttpMetadata", LambdaResponseHeaders.Metadata(result, requestId, run.TimeProvider.GetUtcNow(), run.NewUuid())),
            ("SdkResponseMetadata", JsonObject.Create(("RequestId", JsonValue.From(requestId)))),
            ("StatusCode", JsonValue.From(200)));
    }

    /// <summary>The version AWS reports for an unqualified function name.</summary>
    internal const string ExecutedVersion = "$LATEST";
}
