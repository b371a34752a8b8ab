using StepFlow.Json;

namespace StepFlow.Tasks;

/// <summary>A <see cref="ITaskMocker"/>'s answer for one invocation: not mocked, a result, or an ASL error. Immutable.</summary>
public sealed class TaskMockAnswer
{
    private TaskMockAnswer(TaskMockAnswerKind kind, JsonValue? result, string? error, string? cause)
    {
        Kind = kind;
        Result = result;
        Error = error;
        Cause = cause;
    }

    /// <summary>Not mocked: the registered handler or built-in integration runs.</summary>
    public static TaskMockAnswer NotMocked { get; } = new(TaskMockAnswerKind.NotMocked, null, null, null);

    /// <summary>Which answer this is.</summary>
    public TaskMockAnswerKind Kind { get; }

    /// <summary>The task result when <see cref="Kind"/> is <see cref="TaskMockAnswerKind.Return"/>; else null.</summary>
    public JsonValue? Result { get; }

    /// <summary>The ASL error name when <see cref="Kind"/> is <see cref="TaskMockAnswerKind.Throw"/>; else null.</summary>
    public string? Error { get; }

    /// <summary>The cause that goes with <see cref="Error"/>; may be null.</summary>
    public string? Cause { get; }

    /// <summary>The task succeeds with <paramref name="result"/> (ResultSelector, ResultPath and OutputPath then apply).</summary>
    /// <exception cref="ArgumentNullException"><paramref name="result"/> is null (use <see cref="JsonValue.Null"/> for JSON null).</exception>
    public static TaskMockAnswer Return(JsonValue result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return new(TaskMockAnswerKind.Return, result, null, null);
    }

    /// <summary>The task fails with the ASL error <paramref name="error"/> (matched by Retry and Catch) and <paramref name="cause"/>.</summary>
    /// <exception cref="ArgumentException"><paramref name="error"/> is null or empty.</exception>
    public static TaskMockAnswer Throw(string error, string? cause = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(error);
        return new(TaskMockAnswerKind.Throw, null, error, cause);
    }
}
