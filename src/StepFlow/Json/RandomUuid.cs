namespace StepFlow.Json;

/// <summary>Version 4 (random) UUIDs drawn from a given <see cref="Random"/>, so that a seeded source gives the same ones again.</summary>
internal static class RandomUuid
{
    /// <summary>A new version 4 UUID from <paramref name="random"/>, or from <see cref="Guid.NewGuid()"/> when it is null.</summary>
    public static Guid Next(Random? random)
    {
        if (random is null)
        {
            return Guid.NewGuid();
        }

        Span<byte> bytes = stackalloc byte[16];
        random.NextBytes(bytes);

        // RFC 9562 layout, big-endian: version 4 in the high nibble of byte 6, variant 10xx in byte 8.
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x40);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes, bigEndian: true);
    }
}
