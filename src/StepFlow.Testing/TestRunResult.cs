using StepFlow.Execution;
using StepFlow.History;
using StepFlow.Json;
using StepFlow.Persistence;

namespace StepFlow.Testing;

/// <summary>
/// What a <see cref="StateMachineTest"/> run did: how it ended (output, or error and cause), and the path it took (each
/// state visit in the order states were entered, with input, output and retries), all read from the history.
/// </summary>
public sealed class TestRunResult
{
    /// <summary>Reads what <paramref name="execution"/> did from its history (record the history for a path).</summary>
    public TestRunResult(ExecutionResult execution)
        : this(execution, null)
    {
    }

    internal TestRunResult(ExecutionResult execution, IReadOnlyDictionary<string, int>? countedRetries)
    {
        ArgumentNullException.ThrowIfNull(execution);
        Execution = execution;
        Path = ExecutionPath.Read(execution.History);
        VisitedStates = Path.Select(v => v.Name).ToArray();
        _countedRetries = countedRetries;
    }

    private readonly IReadOnlyDictionary<string, int>? _countedRetries;

    /// <summary>The engine's result, history included.</summary>
    public ExecutionResult Execution { get; }

    /// <summary>How the execution ended.</summary>
    public ExecutionStatus Status => Execution.Status;

    /// <summary>Whether the execution succeeded.</summary>
    public bool Succeeded => Execution.Status == ExecutionStatus.Succeeded;

    /// <summary>The output when the execution succeeded; else null.</summary>
    public JsonValue? Output => Execution.Output;

    /// <summary>The error name when the execution failed, timed out or was aborted; else null.</summary>
    public string? Error => Execution.Error;

    /// <summary>The cause that goes with <see cref="Error"/>.</summary>
    public string? Cause => Execution.Cause;

    /// <summary>The history events, in order.</summary>
    public IReadOnlyList<HistoryEvent> History => Execution.History;

    /// <summary>Every state visit in the order the states were entered (nested states of Parallel and Map included).</summary>
    public IReadOnlyList<StateVisitRecord> Path { get; }

    /// <summary>The names of <see cref="Path"/>'s states, in order.</summary>
    public IReadOnlyList<string> VisitedStates { get; }

    /// <summary>How long the execution took on the run's clock (with the fake clock: the time Waits and back-offs skipped).</summary>
    public TimeSpan Duration => Execution.StopDate - Execution.StartDate;

    /// <summary>The visits of <paramref name="stateName"/>, in order (empty when it was never entered).</summary>
    public IReadOnlyList<StateVisitRecord> VisitsOf(string stateName) => Path.Where(v => v.Name == stateName).ToArray();

    /// <summary>
    /// How many times <paramref name="stateName"/> was retried, over all its visits. For a run of
    /// <see cref="StateMachineTest"/> a Task's retries are counted as they are invoked, so the number is exact however the
    /// state's visits interleave (Map iterations, Parallel branches); otherwise it is the sum of the visits' retries.
    /// </summary>
    public int RetriesOf(string stateName) =>
        _countedRetries is not null && _countedRetries.TryGetValue(stateName, out var counted)
            ? Math.Max(counted, SumOfVisits(stateName))
            : SumOfVisits(stateName);

    private int SumOfVisits(string stateName) => Path.Where(v => v.Name == stateName).Sum(v => v.Retries);

    /// <inheritdoc />
    public override string ToString() => Succeeded
        ? $"Succeeded via {string.Join(" → ", VisitedStates)} with {Output?.ToJsonString()}"
        : $"{Status} via {string.Join(" → ", VisitedStates)}: {Error}: {Cause}";
}
