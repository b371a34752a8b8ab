using StepFlow.Json;

namespace StepFlow.Testing.Mocks;

/// <summary>A mocked success: the Task's result is <see cref="Value"/> (the <c>Return</c> field of the file).</summary>
public sealed class MockReturn : MockResponse
{
    /// <summary>Creates the response.</summary>
    /// <param name="value">The result, any JSON value (null included).</param>
    public MockReturn(JsonValue value)
    {
        ArgumentNullException.ThrowIfNull(value);
        Value = value;
    }

    /// <summary>The Task's result, exactly as written in the file.</summary>
    public JsonValue Value { get; }

    /// <inheritdoc />
    public override string ToString() => "Return " + Value.ToJsonString();
}
