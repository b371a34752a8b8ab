using System.Collections.Immutable;

namespace StepFlow.Definition;

/// <summary>How a Retry entry spreads its delays.</summary>
internal enum JitterStrategy
{
    /// <summary>No jitter (the default).</summary>
    None,

    /// <summary>A random delay between 0 and the computed one.</summary>
    Full,
}

/// <summary>One entry of a state's Retry array.</summary>
internal sealed class Retrier
{
    internal Retrier(ImmutableArray<string> errorEquals, int intervalSeconds, int maxAttempts, double backoffRate, int? maxDelaySeconds, JitterStrategy jitter)
    {
        ErrorEquals = errorEquals;
        IntervalSeconds = intervalSeconds;
        MaxAttempts = maxAttempts;
        BackoffRate = backoffRate;
        MaxDelaySeconds = maxDelaySeconds;
        Jitter = jitter;
    }

    /// <summary>The error names this retrier matches.</summary>
    public ImmutableArray<string> ErrorEquals { get; }

    /// <summary>Seconds before the first retry (default 1).</summary>
    public int IntervalSeconds { get; }

    /// <summary>The most retries (default 3; 0 never retries).</summary>
    public int MaxAttempts { get; }

    /// <summary>The multiplier of the delay per retry (default 2.0).</summary>
    public double BackoffRate { get; }

    /// <summary>The cap on one delay, if any.</summary>
    public int? MaxDelaySeconds { get; }

    /// <summary>The jitter strategy.</summary>
    public JitterStrategy Jitter { get; }

    /// <summary>The delay before retry number <paramref name="retry"/> (1-based), before jitter.</summary>
    public TimeSpan DelayBefore(int retry)
    {
        var seconds = IntervalSeconds * Math.Pow(BackoffRate, retry - 1);
        if (MaxDelaySeconds is { } max)
        {
            seconds = Math.Min(seconds, max);
        }

        return TimeSpan.FromSeconds(Math.Min(seconds, 99_999_999));
    }
}
