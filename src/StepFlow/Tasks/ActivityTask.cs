using StepFlow.Json;

namespace StepFlow.Tasks;

/// <summary>
/// What <see cref="StepFlowEngine.GetActivityTaskAsync(string, string?, CancellationToken)"/> returns: a task token and its
/// input, or <see cref="IsEmpty"/> when no task arrived before the poll timed out.
/// </summary>
public sealed class ActivityTask
{
    private ActivityTask(string? taskToken, JsonValue? input)
    {
        TaskToken = taskToken;
        Input = input;
    }

    /// <summary>The result of a poll that found no work.</summary>
    public static ActivityTask Empty { get; } = new(null, null);

    /// <summary>The token to answer with, or null when <see cref="IsEmpty"/>.</summary>
    public string? TaskToken { get; }

    /// <summary>The task's input (after InputPath and Parameters), or null when <see cref="IsEmpty"/>.</summary>
    public JsonValue? Input { get; }

    /// <summary>True when the poll timed out without work.</summary>
    public bool IsEmpty => TaskToken is null;

    internal static ActivityTask Create(string taskToken, JsonValue input) => new(taskToken, input);
}
