using System.Collections.Immutable;

namespace StepFlow.Testing.Mocks;

/// <summary>
/// A named entry of <c>MockedResponses</c>: what a mocked Task answers on each attempt (the first invocation is attempt 0,
/// each retry the next). The ranges are sorted and consecutive from attempt 0 (the loader refuses gaps and overlaps),
/// so the response covers attempts 0 to <see cref="AttemptCount"/> - 1 and no others.
/// </summary>
public sealed class MockedResponse
{
    internal MockedResponse(string name, ImmutableArray<MockAttemptRange> ranges)
    {
        Name = name;
        Ranges = ranges;
    }

    /// <summary>The name under <c>MockedResponses</c>.</summary>
    public string Name { get; }

    /// <summary>The entries, sorted by attempt, consecutive from attempt 0; never empty.</summary>
    public ImmutableArray<MockAttemptRange> Ranges { get; }

    /// <summary>
    /// How many attempts have an answer: attempts 0 to <c>AttemptCount - 1</c>. A long, since the last range may end at
    /// <see cref="int.MaxValue"/>.
    /// </summary>
    public long AttemptCount => (long)Ranges[^1].Last + 1;

    /// <summary>The answer for the 0-based <paramref name="attempt"/>, or null when the file has no entry for it.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="attempt"/> is negative.</exception>
    public MockResponse? ForAttempt(int attempt)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(attempt);

        // Consecutive ranges from 0: the first range whose Last is at or above the attempt covers it, when any does.
        var ranges = Ranges.AsSpan();
        int lo = 0, hi = ranges.Length - 1;
        while (lo < hi)
        {
            var mid = lo + ((hi - lo) / 2);
            if (ranges[mid].Last < attempt)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return ranges[lo].Covers(attempt) ? ranges[lo].Response : null;
    }
}
