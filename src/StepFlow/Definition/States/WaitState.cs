using StepFlow.Paths;

namespace StepFlow.Definition.States;

/// <summary>Waits for a number of seconds or until a timestamp.</summary>
internal sealed class WaitState : State
{
    internal WaitState(StateCommon common, long? seconds, JsonPath? secondsPath, DateTimeOffset? timestamp, JsonPath? timestampPath)
        : base(common)
    {
        Seconds = seconds;
        SecondsPath = secondsPath;
        Timestamp = timestamp;
        TimestampPath = timestampPath;
    }

    /// <inheritdoc />
    public override StateType Type => StateType.Wait;

    /// <summary>Seconds, if set.</summary>
    public long? Seconds { get; }

    /// <summary>SecondsPath, if set.</summary>
    public JsonPath? SecondsPath { get; }

    /// <summary>Timestamp, if set.</summary>
    public DateTimeOffset? Timestamp { get; }

    /// <summary>TimestampPath, if set.</summary>
    public JsonPath? TimestampPath { get; }
}
