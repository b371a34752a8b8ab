namespace StepFlow.Execution.Dispatch;

/// <summary>
/// How many times each Task state of one execution has been invoked, for <see cref="Tasks.TaskMockRequest.Attempt"/>.
/// Made only when the engine has a mocker; Parallel branches and Map iterations share it (hence the lock).
/// </summary>
internal sealed class StateInvocationCounts
{
    private readonly Dictionary<string, int> _counts = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    /// <summary>The 0-based number of this invocation of <paramref name="stateName"/>, counting it.</summary>
    public int Next(string stateName)
    {
        lock (_gate)
        {
            _counts.TryGetValue(stateName, out var count);
            _counts[stateName] = count + 1;
            return count;
        }
    }
}
