namespace StepFlow.Execution;

/// <summary>Engine-wide limits. Defaults are AWS's.</summary>
public sealed record EngineOptions
{
    /// <summary>The largest state input, result or output in UTF-8 bytes (AWS: 262,144). 0 turns the check off.</summary>
    public int MaxPayloadBytes { get; init; } = 262_144;

    /// <summary>The most iterations an inline Map runs at once when its MaxConcurrency is 0 (unbounded).</summary>
    public int MaxMapConcurrency { get; init; } = 1_000;

    /// <summary>The most history events one execution may record (AWS: 25,000 for Standard).</summary>
    public int MaxHistoryEvents { get; init; } = 25_000;

    /// <summary>How long <see cref="StepFlowEngine.GetActivityTaskAsync(string, string?, CancellationToken)"/> waits for work before it returns an empty task (AWS: 60 seconds).</summary>
    public TimeSpan ActivityPollTimeout { get; init; } = TimeSpan.FromSeconds(60);
}
