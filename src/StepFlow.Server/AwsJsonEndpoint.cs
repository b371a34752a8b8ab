using System.Buffers;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using StepFlow.Parsing;
using StepFlow.Service;
using StepFlow.Tasks;

namespace StepFlow.Server;

/// <summary>
/// The AWS JSON 1.0 protocol of Step Functions over HTTP: <c>POST /</c> with <c>X-Amz-Target: AWSStepFunctions.&lt;Operation&gt;</c>
/// and a JSON object body; the answer is a JSON object, or <c>{"__type": ..., "message": ...}</c> with AWS's HTTP status.
/// Signature V4 headers are accepted and not checked; the <c>sync-</c> host prefix of StartSyncExecution and TestState
/// needs nothing, since every operation is answered whatever the host.
/// </summary>
internal sealed class AwsJsonEndpoint(Func<StepFlowEngine> engine, StepFunctionsApiOptions options, ILogger logger)
{
    private const string TargetPrefix = "AWSStepFunctions.";
    private const string ContentType = "application/x-amz-json-1.0";

    public async Task HandleAsync(HttpContext http)
    {
        var cancellationToken = http.RequestAborted;
        var output = new ArrayBufferWriter<byte>(256);
        byte[]? body = null;
        try
        {
            var operation = Resolve(http.Request);
            (body, var length) = await RequestBody.ReadAsync(http.Request, options.MaxRequestBytes, cancellationToken).ConfigureAwait(false);
            using var document = Parse(body.AsMemory(0, length));
            await using (var writer = new Utf8JsonWriter(output))
            {
                writer.WriteStartObject();
                await operation(new OperationContext(engine(), body.AsMemory(0, length), document.RootElement, writer, cancellationToken)).ConfigureAwait(false);
                writer.WriteEndObject();
            }

            http.Response.StatusCode = StatusCodes.Status200OK;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return;
        }
        catch (Exception e)
        {
            var error = AsApiError(e);
            if (error.Status >= 500)
            {
                logger.LogError(e, "A Step Functions API call failed with {ErrorType}", error.Type);
            }

            output.Clear();
            await using (var writer = new Utf8JsonWriter(output))
            {
                writer.WriteStartObject();
                writer.WriteString("__type", error.Type);
                writer.WriteString("message", error.Message);
                writer.WriteEndObject();
            }

            http.Response.StatusCode = error.Status;
            http.Response.Headers["x-amzn-ErrorType"] = error.Type;
        }
        finally
        {
            if (body is not null)
            {
                ArrayPool<byte>.Shared.Return(body);
            }
        }

        http.Response.ContentType = ContentType;
        http.Response.ContentLength = output.WrittenCount;
        http.Response.Headers["x-amzn-RequestId"] = Guid.NewGuid().ToString();
        await http.Response.Body.WriteAsync(output.WrittenMemory, cancellationToken).ConfigureAwait(false);
    }

    private static Operation Resolve(HttpRequest request)
    {
        if (!HttpMethods.IsPost(request.Method))
        {
            throw new ApiError(ApiErrorNames.MalformedHttpRequestException, $"The Step Functions API takes POST requests, not {request.Method}.");
        }

        var target = request.Headers["X-Amz-Target"].ToString();
        if (target.Length == 0)
        {
            throw new ApiError(ApiErrorNames.UnknownOperationException, "The request has no X-Amz-Target header naming the operation.", StatusCodes.Status404NotFound);
        }

        if (!target.StartsWith(TargetPrefix, StringComparison.Ordinal) ||
            !OperationTable.Operations.TryGetValue(target[TargetPrefix.Length..], out var operation))
        {
            throw new ApiError(ApiErrorNames.UnknownOperationException, $"The operation '{target}' is not one this endpoint answers.", StatusCodes.Status404NotFound);
        }

        return operation;
    }

    private static JsonDocument Parse(ReadOnlyMemory<byte> body)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = 64 });
        }
        catch (JsonException e)
        {
            var where = e.LineNumber is { } line ? $" at line {line + 1}, position {e.BytePositionInLine + 1}" : string.Empty;
            throw new ApiError(ApiErrorNames.SerializationException, $"The request body is not valid JSON{where}.");
        }

        if (document.RootElement.ValueKind != JsonValueKind.Object)
        {
            var kind = document.RootElement.ValueKind;
            document.Dispose();
            throw new ApiError(ApiErrorNames.SerializationException, $"The request body must be a JSON object, not a JSON {kind.ToString().ToLowerInvariant()}.");
        }

        return document;
    }

    private static ApiError AsApiError(Exception e) => e switch
    {
        ApiError error => error,
        ExecutionApiException { ErrorCode: ExecutionApiErrorCodes.ServiceUnavailable } x => new(x.ErrorCode, x.Message, StatusCodes.Status503ServiceUnavailable),
        ExecutionApiException x => new(x.ErrorCode, x.Message),
        TaskApiException x => new(x.ErrorCode, x.Message),
        InvalidDefinitionException x => new(ExecutionApiErrorCodes.InvalidDefinition, x.Message),
        _ => new(ApiErrorNames.InternalFailure, "The server failed to answer the request; its log has the details.", StatusCodes.Status500InternalServerError),
    };
}
