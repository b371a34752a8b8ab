using StepFlow.Json;
using StepFlow.Tasks;

namespace StepFlow.Testing;

/// <summary>
/// The answers of one mock, attempt by attempt: each <see cref="Return(string)"/> or <see cref="Throw(string, string?)"/>
/// is the answer for the next invocation of the state (attempt 0, 1, 2, …; retries and later visits count). After the
/// last one, the last answer repeats, so a single <c>Return</c> answers every invocation.
/// </summary>
public sealed class TaskMockSequence
{
    private readonly List<TaskMockAnswer> _answers = [];

    /// <summary>The answers in attempt order.</summary>
    public IReadOnlyList<TaskMockAnswer> Answers => _answers;

    /// <summary>The next attempt succeeds with <paramref name="json"/> (JSON text).</summary>
    /// <exception cref="JsonParseException"><paramref name="json"/> is not JSON.</exception>
    public TaskMockSequence Return(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        return Return(JsonValue.Parse(json));
    }

    /// <summary>The next attempt succeeds with <paramref name="result"/>.</summary>
    public TaskMockSequence Return(JsonValue result)
    {
        _answers.Add(TaskMockAnswer.Return(result));
        return this;
    }

    /// <summary>The next attempt fails with the ASL error <paramref name="error"/> (matched by Retry and Catch).</summary>
    public TaskMockSequence Throw(string error, string? cause = null)
    {
        _answers.Add(TaskMockAnswer.Throw(error, cause));
        return this;
    }

    /// <summary>The next <paramref name="times"/> attempts fail with <paramref name="error"/>.</summary>
    public TaskMockSequence Throw(int times, string error, string? cause = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(times);
        for (var i = 0; i < times; i++)
        {
            Throw(error, cause);
        }

        return this;
    }
}
