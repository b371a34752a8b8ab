using System.Text;

namespace StepFlow.Sqlite;

/// <summary>Reads the primitives of an event chunk (bytes, LEB128 integers, strings); anything short or malformed is a <see cref="FormatException"/>.</summary>
internal ref struct ChunkByteReader(ReadOnlySpan<byte> bytes)
{
    private readonly ReadOnlySpan<byte> _bytes = bytes;
    private int _at;

    public readonly bool AtEnd => _at == _bytes.Length;

    /// <summary>How many bytes are left.</summary>
    public readonly int Remaining => _bytes.Length - _at;

    public byte ReadByte() => _at < _bytes.Length ? _bytes[_at++] : throw Truncated();

    public ulong ReadVarUInt()
    {
        ulong value = 0;
        for (var shift = 0; shift < 64; shift += 7)
        {
            var b = ReadByte();
            value |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80)
            {
                return value;
            }
        }

        throw new FormatException("integer too long");
    }

    public long ReadVarInt()
    {
        var raw = ReadVarUInt();
        return (long)(raw >> 1) ^ -(long)(raw & 1);
    }

    /// <summary>A zig-zag integer that must fit in 32 bits.</summary>
    public int ReadInt32()
    {
        var value = ReadVarInt();
        return value is >= int.MinValue and <= int.MaxValue ? (int)value : throw new FormatException("integer out of range");
    }

    /// <summary>A count of items that each take at least one byte: never more than the bytes left.</summary>
    public int ReadCount()
    {
        var count = ReadVarUInt();
        return count <= (ulong)Remaining ? (int)count : throw Truncated();
    }

    /// <summary>A string written as twice its UTF-8 length then its bytes, or twice its number among <paramref name="strings"/> plus one.</summary>
    public string ReadString(List<string> strings)
    {
        var header = ReadVarUInt();
        var number = header >> 1;
        if ((header & 1) != 0)
        {
            return number < (ulong)strings.Count ? strings[(int)number] : throw new FormatException("reference to an unknown string");
        }

        var text = Encoding.UTF8.GetString(ReadBytes(number));
        strings.Add(text);
        return text;
    }

    public ReadOnlySpan<byte> ReadBytes(ulong byteCount)
    {
        if (byteCount > (ulong)(_bytes.Length - _at))
        {
            throw Truncated();
        }

        var slice = _bytes.Slice(_at, (int)byteCount);
        _at += (int)byteCount;
        return slice;
    }

    private static FormatException Truncated() => new("event chunk is truncated");
}
