using System.Buffers;
using System.Buffers.Text;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Unicode;

namespace StepFlow.Sqlite;

/// <summary>
/// A growable byte buffer with the few primitives the event encoding needs: variable-length integers and strictly
/// encoded UTF-8 text. A string with an unpaired surrogate cannot be stored as UTF-8 without losing it, so it is
/// refused rather than silently replaced.
/// </summary>
internal sealed class Utf8Buffer
{
    private const int Reserved = 5;

    private byte[] _bytes = new byte[16 * 1024];

    /// <summary>How many bytes are written.</summary>
    public int Length { get; private set; }

    /// <summary>The written bytes.</summary>
    public ReadOnlySpan<byte> Written => _bytes.AsSpan(0, Length);

    /// <summary>Forgets what was written (keeps the memory, unless it grew large).</summary>
    public void Clear()
    {
        Length = 0;
        if (_bytes.Length > 8 << 20)
        {
            _bytes = new byte[16 * 1024];
        }
    }

    /// <summary>A copy of the written bytes.</summary>
    public byte[] ToArray() => Written.ToArray();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void WriteByte(byte value)
    {
        var bytes = _bytes;
        var at = Length;
        if ((uint)at < (uint)bytes.Length)
        {
            bytes[at] = value;
            Length = at + 1;
            return;
        }

        Grow(1);
        _bytes[Length++] = value;
    }

    public void WriteBytes(ReadOnlySpan<byte> bytes)
    {
        Ensure(bytes.Length);
        bytes.CopyTo(_bytes.AsSpan(Length));
        Length += bytes.Length;
    }

    /// <summary>Writes an unsigned LEB128 integer (7 bits a byte).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void WriteVarUInt(ulong value)
    {
        var bytes = _bytes;
        var at = Length;
        if (value < 0x80 && (uint)at < (uint)bytes.Length)
        {
            bytes[at] = (byte)value;
            Length = at + 1;
            return;
        }

        WriteLongVarUInt(value);
    }

    private void WriteLongVarUInt(ulong value)
    {
        Ensure(10);
        var bytes = _bytes;
        var at = Length;
        while (value >= 0x80)
        {
            bytes[at++] = (byte)(value | 0x80);
            value >>= 7;
        }

        bytes[at++] = (byte)value;
        Length = at;
    }

    /// <summary>Writes a signed integer zig-zag encoded, so small negative numbers stay short.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void WriteVarInt(long value) => WriteVarUInt((ulong)((value << 1) ^ (value >> 63)));

    /// <summary>Writes the decimal text of <paramref name="value"/>.</summary>
    public void WriteInt64(long value)
    {
        Ensure(20);
        Utf8Formatter.TryFormat(value, _bytes.AsSpan(Length), out var written);
        Length += written;
    }

    /// <summary>Writes text known to be ASCII.</summary>
    public void WriteAscii(string text)
    {
        Ensure(text.Length);
        var written = Encoding.ASCII.GetBytes(text, _bytes.AsSpan(Length));
        Length += written;
    }

    /// <summary>Writes <paramref name="text"/> as UTF-8; throws when it holds an unpaired surrogate.</summary>
    public void WriteUtf8(ReadOnlySpan<char> text, string what)
    {
        if (text.IsEmpty)
        {
            return;
        }

        Ensure(text.Length);
        while (true)
        {
            var status = Utf8.FromUtf16(text, _bytes.AsSpan(Length), out var read, out var written, replaceInvalidSequences: false);
            Length += written;
            if (status == OperationStatus.Done)
            {
                return;
            }

            if (status != OperationStatus.DestinationTooSmall)
            {
                throw Unpaired(what);
            }

            text = text[read..];
            Grow(Math.Max(text.Length * 3, 16));
        }
    }

    /// <summary>
    /// Writes a short string that is printable ASCII without quote or backslash as a JSON string literal, in one pass;
    /// returns false (having written nothing) for any other string.
    /// </summary>
    public bool TryWriteQuotedAscii(string value)
    {
        if (value.Length > 64)
        {
            return false;
        }

        Ensure(value.Length + 2);
        var bytes = _bytes;
        var at = Length;
        bytes[at++] = (byte)'"';
        foreach (var c in value)
        {
            if (c < 0x20 || c >= 0x7F || c == '"' || c == '\\')
            {
                return false;
            }

            bytes[at++] = (byte)c;
        }

        bytes[at++] = (byte)'"';
        Length = at;
        return true;
    }

    /// <summary>Writes <c>2 × UTF-8 length</c> of <paramref name="value"/>, then its bytes.</summary>
    public void WriteStringWithDoubledLength(string value, string what)
    {
        if (value.Length <= 64 && Ascii.IsValid(value))
        {
            WriteVarUInt((ulong)value.Length << 1);
            Ensure(value.Length);
            Length += Encoding.ASCII.GetBytes(value, _bytes.AsSpan(Length));
            return;
        }

        var bodyAt = BeginLengthPrefixed();
        WriteUtf8(value, what);
        EndLengthPrefixed(bodyAt, 2, 0);
    }

    /// <summary>Reserves room for a length prefix; returns where the body starts.</summary>
    public int BeginLengthPrefixed()
    {
        Ensure(Reserved);
        Length += Reserved;
        return Length;
    }

    /// <summary>Writes the prefix <c>bodyLength * multiplier + offset</c> before the body begun at <paramref name="bodyAt"/>, closing the gap.</summary>
    public void EndLengthPrefixed(int bodyAt, ulong multiplier, ulong offset)
    {
        var bodyLength = Length - bodyAt;
        Length = bodyAt - Reserved;
        WriteVarUInt((ulong)bodyLength * multiplier + offset);
        if (Length != bodyAt)
        {
            _bytes.AsSpan(bodyAt, bodyLength).CopyTo(_bytes.AsSpan(Length));
        }

        Length += bodyLength;
    }

    /// <summary>Strictly encodes <paramref name="text"/> as UTF-8; throws when it holds an unpaired surrogate.</summary>
    public static byte[] EncodeStrict(string text, string what)
    {
        var bytes = new byte[Encoding.UTF8.GetMaxByteCount(text.Length)];
        var status = Utf8.FromUtf16(text, bytes, out _, out var written, replaceInvalidSequences: false);
        if (status != OperationStatus.Done)
        {
            throw Unpaired(what);
        }

        return written == bytes.Length ? bytes : bytes.AsSpan(0, written).ToArray();
    }

    /// <summary>Throws when <paramref name="text"/> holds an unpaired surrogate (which UTF-8 storage would replace).</summary>
    public static void CheckText(string text, string what)
    {
        if (text.AsSpan().ContainsAnyInRange('\uD800', '\uDFFF') && Utf8.FromUtf16(text, new byte[Encoding.UTF8.GetMaxByteCount(text.Length)],
                out _, out _, replaceInvalidSequences: false) != OperationStatus.Done)
        {
            throw Unpaired(what);
        }
    }

    private static ArgumentException Unpaired(string what) =>
        new($"The {what} holds an unpaired UTF-16 surrogate, which UTF-8 storage cannot keep; nothing was written.");

    private void Ensure(int more)
    {
        if (Length + more > _bytes.Length)
        {
            Grow(more);
        }
    }

    private void Grow(int more) => Array.Resize(ref _bytes, Math.Max(_bytes.Length * 2, Length + more));
}
