namespace StepFlow.Intrinsics;

/// <summary>
/// The sources of randomness used by <c>States.MathRandom</c> (without a seed) and <c>States.UUID</c>.
/// The default uses <see cref="System.Random.Shared"/> and <see cref="Guid.NewGuid()"/>; tests pass a
/// seeded <see cref="System.Random"/> to make both deterministic.
/// </summary>
internal sealed class IntrinsicEnvironment
{
    private readonly Random? _random;
    private readonly object? _gate;

    private IntrinsicEnvironment()
    {
    }

    /// <summary>
    /// Creates an environment that draws random numbers and UUIDs from <paramref name="random"/>.
    /// Calls are serialized on the instance, so it may be shared by concurrent executions.
    /// </summary>
    public IntrinsicEnvironment(Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        _random = random;
        _gate = new object();
    }

    /// <summary>The default environment: <see cref="System.Random.Shared"/> and <see cref="Guid.NewGuid()"/>.</summary>
    public static IntrinsicEnvironment Default { get; } = new();

    /// <summary>Returns a random integer in [<paramref name="minInclusive"/>, <paramref name="maxExclusive"/>).</summary>
    public long NextInt64(long minInclusive, long maxExclusive)
    {
        if (_random is null)
        {
            return Random.Shared.NextInt64(minInclusive, maxExclusive);
        }

        lock (_gate!)
        {
            return _random.NextInt64(minInclusive, maxExclusive);
        }
    }

    /// <summary>Returns a new version 4 (random) UUID.</summary>
    public Guid NewUuid()
    {
        if (_random is null)
        {
            return Guid.NewGuid();
        }

        Span<byte> bytes = stackalloc byte[16];
        lock (_gate!)
        {
            _random.NextBytes(bytes);
        }

        // RFC 9562 layout, big-endian: version 4 in the high nibble of byte 6, variant 10xx in byte 8.
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x40);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes, bigEndian: true);
    }
}
