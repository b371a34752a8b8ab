using System.Collections.Immutable;
using StepFlow.Definition;
using StepFlow.Errors;

namespace StepFlow.Execution.Recovery;

/// <summary>
/// AWS's rules for a state's Retry array, apart from the waiting (which Polly does): which retrier a failure
/// uses, whether it still has attempts, and how long to back off.
/// </summary>
internal static class AslRetryRules
{
    /// <summary>
    /// Picks the retrier for <paramref name="error"/> and counts the attempt on it; -1 when nothing retries.
    /// Retriers are scanned in order and the first whose ErrorEquals matches is used even when its attempts are
    /// spent (then nothing retries). <c>States.Runtime</c> and errors in the state's own fields are never retried.
    /// </summary>
    /// <param name="retriers">The state's Retry array.</param>
    /// <param name="attempts">Retries used so far, per retrier (updated).</param>
    /// <param name="error">The failure.</param>
    public static int Choose(ImmutableArray<Retrier> retriers, int[] attempts, StatesErrorException error)
    {
        if (!ErrorMatching.IsRecoverable(error.Error) || error is StateFieldException)
        {
            return -1;
        }

        for (var i = 0; i < retriers.Length; i++)
        {
            var retrier = retriers[i];
            if (!ErrorMatching.Matches(retrier.ErrorEquals, error))
            {
                continue;
            }

            if (attempts[i] >= retrier.MaxAttempts)
            {
                return -1;
            }

            attempts[i]++;
            return i;
        }

        return -1;
    }

    /// <summary>
    /// The back-off before retry number <paramref name="retry"/> (1-based) of <paramref name="retrier"/>:
    /// IntervalSeconds × BackoffRate^(retry−1), capped at MaxDelaySeconds, then for FULL jitter scaled by
    /// <paramref name="unitRandom"/> (a number in [0, 1)).
    /// </summary>
    public static TimeSpan Delay(Retrier retrier, int retry, double unitRandom)
    {
        var delay = retrier.DelayBefore(retry);
        return retrier.Jitter == JitterStrategy.Full ? TimeSpan.FromTicks((long)(delay.Ticks * unitRandom)) : delay;
    }
}
