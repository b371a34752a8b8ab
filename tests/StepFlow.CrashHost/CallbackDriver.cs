using System.Collections.Concurrent;
using StepFlow.Json;
using StepFlow.Tasks;

namespace StepFlow.CrashHost;

/// <summary>
/// The outside party that answers the workflow's <c>.waitForTaskToken</c> callbacks, as a client of the engine's API:
/// it answers each callback attempt once, a little later, and records the acknowledged answer in the ledger before
/// anything else. An attempt whose answer the ledger already holds is not answered again — the engine asking for it
/// again means it lost an acknowledged answer —, and the execution is reported stuck instead.
/// </summary>
public sealed class CallbackDriver
{
    private readonly Ledger _ledger;
    private readonly ConcurrentDictionary<string, bool> _answered;
    private readonly ConcurrentDictionary<string, TaskCompletionSource> _stuck = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _errors = new();
    private StepFlowEngine? _engine;

    /// <summary>Creates the driver; <paramref name="answered"/> are the attempts whose answers earlier lifetimes acknowledged.</summary>
    public CallbackDriver(Ledger ledger, IEnumerable<string> answered)
    {
        _ledger = ledger;
        _answered = new ConcurrentDictionary<string, bool>(answered.Select(key => KeyValuePair.Create(key, true)), StringComparer.Ordinal);
    }

    /// <summary>Answers that failed (each a line for the host's report).</summary>
    public IReadOnlyCollection<string> Errors => _errors;

    /// <summary>The engine to answer through (set once it is built).</summary>
    public void Attach(StepFlowEngine engine) => _engine = engine;

    /// <summary>The callback task's handler: takes the token and returns at once; the answer follows on its own.</summary>
    public JsonValue Handle(TaskInvocation invocation)
    {
        var key = invocation.IdempotencyKey ?? throw new InvalidOperationException("A callback without an idempotency key.");
        var token = invocation.TaskToken ?? throw new InvalidOperationException("A callback without a token.");
        _ledger.Write(LedgerEntryKind.Callback, key);
        if (_answered.ContainsKey(key))
        {
            _ledger.Write(LedgerEntryKind.Reasked, key);
            Stuck(invocation.ExecutionArn).TrySetResult();
            return JsonObject.Empty;
        }

        var answer = CrashWorkflow.Approval(invocation.Input);
        _ = Task.Run(() => AnswerAsync(key, token, answer));
        return JsonObject.Empty;
    }

    /// <summary>Completes when the engine asks again for a callback of <paramref name="executionArn"/> whose answer was acknowledged.</summary>
    public Task StuckAsync(string executionArn) => Stuck(executionArn).Task;

    private TaskCompletionSource Stuck(string executionArn) =>
        _stuck.GetOrAdd(executionArn, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));

    private async Task AnswerAsync(string key, string token, JsonValue answer)
    {
        await Task.Delay(Random.Shared.Next(1, 40)).ConfigureAwait(false);
        try
        {
            await _engine!.SendTaskSuccessAsync(token, answer).ConfigureAwait(false);
        }
        catch (Exception e) when (e is TaskApiException or Durability.ExecutionStoreException or OperationCanceledException)
        {
            _errors.Enqueue($"answer {key}: {e.GetType().Name}: {e.Message}");
            return;
        }

        _ledger.Write(LedgerEntryKind.Answer, key);
        _answered[key] = true;
    }
}
