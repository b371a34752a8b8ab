using StepFlow.Errors;
using StepFlow.Json;
using StepFlow.Tasks;

namespace StepFlow.Conformance.Asl;

/// <summary>
/// A task handler that replays what a recorded case's Task did for one Resource. An echo task returns
/// its input. A recorded-calls task uses the first unused call whose input equals the actual input
/// (<c>{{...}}</c> tokens in the recorded input act as wildcards), else the next unused call, and
/// returns its value, or throws <see cref="StatesErrorException"/> with the recorded error and cause
/// (tokens in the cause are passed through unchanged). A timeout is reported at once as
/// <c>States.Timeout</c>. Thread-safe: Map and Parallel iterations may call it concurrently.
/// </summary>
public sealed class RecordedTaskHandler : ITaskHandler
{
    /// <summary>The error raised when a task is invoked more often than the recording shows.</summary>
    public const string NoRecordedCallError = "StepFlow.Conformance.NoRecordedCall";

    private readonly Lock _gate = new();
    private readonly bool[] _used;
    private int _invocations;

    /// <summary>Creates the handler for <paramref name="resource"/> with its recorded behaviour.</summary>
    public RecordedTaskHandler(string resource, TaskBehaviour behaviour)
    {
        ArgumentNullException.ThrowIfNull(resource);
        ArgumentNullException.ThrowIfNull(behaviour);
        Resource = resource;
        Behaviour = behaviour;
        _used = new bool[behaviour.Calls.Length];
    }

    /// <summary>The Resource this handler stands in for.</summary>
    public string Resource { get; }

    /// <summary>The recorded behaviour.</summary>
    public TaskBehaviour Behaviour { get; }

    /// <summary>How many times the handler was invoked.</summary>
    public int Invocations => Volatile.Read(ref _invocations);

    /// <inheritdoc />
    public ValueTask<JsonValue> InvokeAsync(TaskInvocation invocation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(invocation);
        cancellationToken.ThrowIfCancellationRequested();
        Interlocked.Increment(ref _invocations);
        if (Behaviour.IsEcho)
        {
            return new ValueTask<JsonValue>(invocation.Input);
        }

        var call = Take(invocation.Input)
            ?? throw new StatesErrorException(
                NoRecordedCallError,
                $"The recording has no further call of '{Resource}' (it recorded {Behaviour.Calls.Length}); input {invocation.Input.ToJsonString()}.");

        return call.Kind switch
        {
            RecordedCallKind.Return => new ValueTask<JsonValue>(call.Value ?? JsonValue.Null),
            RecordedCallKind.Timeout => throw new StatesErrorException(StatesErrorNames.Timeout, call.Cause),
            _ => throw new StatesErrorException(call.Error ?? StatesErrorNames.TaskFailed, call.Cause),
        };
    }

    /// <summary>Picks and marks the call to replay for <paramref name="input"/>, or null when all are used.</summary>
    internal RecordedCall? Take(JsonValue input)
    {
        lock (_gate)
        {
            var firstUnused = -1;
            for (var i = 0; i < _used.Length; i++)
            {
                if (_used[i])
                {
                    continue;
                }

                if (firstUnused < 0)
                {
                    firstUnused = i;
                }

                if (new TokenMatcher().Match(Behaviour.Calls[i].Input, input, out _))
                {
                    _used[i] = true;
                    return Behaviour.Calls[i];
                }
            }

            if (firstUnused < 0)
            {
                return null;
            }

            _used[firstUnused] = true;
            return Behaviour.Calls[firstUnused];
        }
    }
}
