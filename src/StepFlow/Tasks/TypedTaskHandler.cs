using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using StepFlow.Errors;
using StepFlow.Json;

namespace StepFlow.Tasks;

/// <summary>
/// A handler written against .NET types: the task input is deserialized to <typeparamref name="TIn"/> with
/// System.Text.Json, and the <typeparamref name="TOut"/> it returns is serialized back to the task result, both through
/// the caller's <see cref="JsonTypeInfo{T}"/> (source-generated contexts keep it trimming- and AOT-safe). Input that
/// does not fit <typeparamref name="TIn"/>, and a result that cannot be written, fail the task with
/// <c>States.TaskFailed</c> and a cause naming the type and the JSON path.
/// </summary>
internal sealed class TypedTaskHandler<TIn, TOut> : ITaskHandler
{
    private readonly Func<TIn, CancellationToken, Task<TOut>> _handler;
    private readonly JsonTypeInfo<TIn> _input;
    private readonly JsonTypeInfo<TOut> _output;

    public TypedTaskHandler(Func<TIn, CancellationToken, Task<TOut>> handler, JsonTypeInfo<TIn> input, JsonTypeInfo<TOut> output)
    {
        _handler = handler;
        _input = input;
        _output = output;
    }

    public ValueTask<JsonValue> InvokeAsync(TaskInvocation invocation, CancellationToken cancellationToken)
    {
        var input = Read(invocation);
        var pending = _handler(input, cancellationToken)
            ?? throw new InvalidOperationException("The typed task handler returned a null Task.");
        return pending.IsCompletedSuccessfully ? new ValueTask<JsonValue>(Write(invocation, pending.Result)) : AwaitAsync(invocation, pending);
    }

    private async ValueTask<JsonValue> AwaitAsync(TaskInvocation invocation, Task<TOut> pending) =>
        Write(invocation, await pending.ConfigureAwait(false));

    private TIn Read(TaskInvocation invocation)
    {
        try
        {
            return JsonSerializer.Deserialize(invocation.Input.ToJsonString(), _input)!;
        }
        catch (JsonException e)
        {
            throw new StatesErrorException(
                StatesErrorNames.TaskFailed,
                $"The input of state '{invocation.StateName}' cannot be read as {ClrTypeName.Of(typeof(TIn))} at JSON path {e.Path ?? "$"}: {WithoutPosition(e.Message)}",
                e);
        }
        catch (NotSupportedException e)
        {
            throw new StatesErrorException(
                StatesErrorNames.TaskFailed,
                $"The input of state '{invocation.StateName}' cannot be read as {ClrTypeName.Of(typeof(TIn))}: {WithoutPosition(e.Message)}",
                e);
        }
    }

    private JsonValue Write(TaskInvocation invocation, TOut result)
    {
        byte[] utf8;
        try
        {
            utf8 = JsonSerializer.SerializeToUtf8Bytes(result, _output);
        }
        catch (Exception e) when (e is JsonException or NotSupportedException or InvalidOperationException or ArgumentException)
        {
            throw new StatesErrorException(
                StatesErrorNames.TaskFailed,
                $"The result of state '{invocation.StateName}' ({ClrTypeName.Of(typeof(TOut))}) cannot be written as JSON: {WithoutPosition(e.Message)}",
                e);
        }

        try
        {
            return JsonValue.Parse(utf8);
        }
        catch (JsonParseException e)
        {
            throw new StatesErrorException(
                StatesErrorNames.TaskFailed,
                $"The result of state '{invocation.StateName}' ({ClrTypeName.Of(typeof(TOut))}) is not JSON the engine accepts: {e.Message}",
                e);
        }
    }

    /// <summary>System.Text.Json's message without its " Path: … | LineNumber: …" tail (the path is given on its own).</summary>
    private static string WithoutPosition(string message)
    {
        var cut = message.IndexOf(" Path: ", StringComparison.Ordinal);
        return cut > 0 ? message[..cut] : message;
    }
}
