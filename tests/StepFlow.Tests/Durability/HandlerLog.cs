using System.Collections.Concurrent;
using StepFlow.Json;
using StepFlow.Tasks;

namespace StepFlow.Tests.Durability;

/// <summary>Task handlers for durability tests: they count calls per state (and item), and can be held in flight.</summary>
internal sealed class HandlerLog
{
    private readonly ConcurrentDictionary<string, int> _calls = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, TaskCompletionSource> _holds = new(StringComparer.Ordinal);

    public ConcurrentBag<string> IdempotencyKeys { get; } = [];

    public int Calls(string key) => _calls.TryGetValue(key, out var n) ? n : 0;

    public int TotalCalls => _calls.Values.Sum();

    /// <summary>Calls with this key wait until <see cref="Release"/> (or the engine cancels them).</summary>
    public void Hold(string key) => _holds[key] = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Release(string key)
    {
        if (_holds.TryRemove(key, out var hold))
        {
            hold.TrySetResult();
        }
    }

    /// <summary>A handler that counts the call under the input's "key" (or the state name) and echoes its input plus a mark.</summary>
    public ITaskHandler Echo() => new Handler(this);

    private sealed class Handler(HandlerLog log) : ITaskHandler
    {
        public async ValueTask<JsonValue> InvokeAsync(TaskInvocation invocation, CancellationToken cancellationToken)
        {
            var key = invocation.Input is JsonObject input && input.TryGetValue("key", out var k) && k is JsonString text ? text.Value : invocation.StateName;
            log._calls.AddOrUpdate(key, 1, (_, n) => n + 1);
            log.IdempotencyKeys.Add(key + "=" + invocation.IdempotencyKey);
            if (log._holds.TryGetValue(key, out var hold))
            {
                await hold.Task.WaitAsync(cancellationToken);
            }

            return JsonObject.Create(("done", JsonValue.From(key)));
        }
    }
}
