namespace StepFlow.Execution;

/// <summary>
/// A seeded <see cref="Random"/> that concurrent callers may share (Parallel branches and Map iterations of one
/// execution, the executions of one engine): every draw takes a lock, so the sequence is the seed's, drawn in the order
/// the calls come. Only engines built with a seed create one; the default path draws from the process-wide sources.
/// </summary>
internal sealed class LockedRandom : Random
{
    private readonly Random _inner;
    private readonly Lock _gate = new();

    public LockedRandom(int seed) => _inner = new Random(seed);

    public override int Next()
    {
        lock (_gate)
        {
            return _inner.Next();
        }
    }

    public override int Next(int maxValue)
    {
        lock (_gate)
        {
            return _inner.Next(maxValue);
        }
    }

    public override int Next(int minValue, int maxValue)
    {
        lock (_gate)
        {
            return _inner.Next(minValue, maxValue);
        }
    }

    public override long NextInt64()
    {
        lock (_gate)
        {
            return _inner.NextInt64();
        }
    }

    public override long NextInt64(long maxValue)
    {
        lock (_gate)
        {
            return _inner.NextInt64(maxValue);
        }
    }

    public override long NextInt64(long minValue, long maxValue)
    {
        lock (_gate)
        {
            return _inner.NextInt64(minValue, maxValue);
        }
    }

    public override double NextDouble()
    {
        lock (_gate)
        {
            return _inner.NextDouble();
        }
    }

    public override float NextSingle()
    {
        lock (_gate)
        {
            return _inner.NextSingle();
        }
    }

    public override void NextBytes(byte[] buffer)
    {
        lock (_gate)
        {
            _inner.NextBytes(buffer);
        }
    }

    public override void NextBytes(Span<byte> buffer)
    {
        lock (_gate)
        {
            _inner.NextBytes(buffer);
        }
    }

    protected override double Sample()
    {
        lock (_gate)
        {
            return _inner.NextDouble();
        }
    }
}
