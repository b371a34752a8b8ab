using System.Globalization;

namespace StepFlow.Json;

/// <summary>
/// A JSON number. Integers that fit in 64 bits are kept exactly; every other number is a double,
/// and keeps the text it was parsed from so that it is written back unchanged.
/// </summary>
public sealed class JsonNumber : JsonValue
{
    private static readonly JsonNumber[] SmallIntegers = CreateSmallIntegers();

    private readonly long _integer;
    private readonly double _double;
    private readonly string? _text;

    private JsonNumber(long integer)
    {
        _integer = integer;
        _double = integer;
        IsInteger = true;
    }

    private JsonNumber(double value, string? text)
    {
        _double = value;
        _text = text;
    }

    /// <summary>True when the number is an integer that fits in a 64-bit signed integer.</summary>
    public bool IsInteger { get; }

    /// <summary>The value as a double.</summary>
    public double DoubleValue => _double;

    /// <summary>The value as a 64-bit integer; only meaningful when <see cref="IsInteger"/> is true.</summary>
    public long IntegerValue => _integer;

    /// <inheritdoc />
    public override JsonKind Kind => JsonKind.Number;

    /// <summary>True when the value is integral (1 and 1.0 both are), whatever its representation.</summary>
    public bool IsIntegral => IsInteger || (double.IsFinite(_double) && Math.Floor(_double) == _double);

    /// <summary>Creates an integer number.</summary>
    public static JsonNumber FromInteger(long value) =>
        value is >= -16 and < 256 ? SmallIntegers[value + 16] : new JsonNumber(value);

    /// <summary>Creates a floating-point number; integral values that fit in 64 bits become integers.</summary>
    public static JsonNumber FromDouble(double value)
    {
        if (!double.IsFinite(value))
        {
            throw new ArgumentOutOfRangeException(nameof(value), value, "JSON numbers must be finite.");
        }

        return new JsonNumber(value, null);
    }

    /// <summary>Tries to read the value as a 32-bit integer (1.0 counts; 1.5 does not).</summary>
    public bool TryGetInt32(out int value)
    {
        if (IsInteger && _integer is >= int.MinValue and <= int.MaxValue)
        {
            value = (int)_integer;
            return true;
        }

        if (!IsInteger && IsIntegral && _double is >= int.MinValue and <= int.MaxValue)
        {
            value = (int)_double;
            return true;
        }

        value = 0;
        return false;
    }

    /// <summary>Tries to read the value as a 64-bit integer (1.0 counts; 1.5 does not).</summary>
    public bool TryGetInt64(out long value)
    {
        if (IsInteger)
        {
            value = _integer;
            return true;
        }

        if (IsIntegral && _double is >= long.MinValue and <= long.MaxValue)
        {
            value = (long)_double;
            return true;
        }

        value = 0;
        return false;
    }

    /// <summary>Compares two numbers by value.</summary>
    public int CompareTo(JsonNumber other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return IsInteger && other.IsInteger ? _integer.CompareTo(other._integer) : _double.CompareTo(other._double);
    }

    /// <summary>The number's JSON text.</summary>
    public string ToNumberText()
    {
        if (IsInteger)
        {
            return _integer.ToString(CultureInfo.InvariantCulture);
        }

        return _text ?? FormatDouble(_double);
    }

    internal static JsonNumber Parse(ReadOnlySpan<byte> utf8)
    {
        if (utf8.IndexOfAny((byte)'.', (byte)'e', (byte)'E') < 0 &&
            long.TryParse(utf8, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer))
        {
            return FromInteger(integer);
        }

        var value = double.Parse(utf8, NumberStyles.Float, CultureInfo.InvariantCulture);
        return new JsonNumber(value, System.Text.Encoding.UTF8.GetString(utf8));
    }

    private protected override int ComputeUtf8Length()
    {
        if (!IsInteger)
        {
            return ToNumberText().Length;
        }

        var magnitude = _integer == long.MinValue ? ulong.MaxValue / 2 + 1 : (ulong)Math.Abs(_integer);
        var digits = 1;
        while (magnitude >= 10)
        {
            magnitude /= 10;
            digits++;
        }

        return _integer < 0 ? digits + 1 : digits;
    }

    private static JsonNumber[] CreateSmallIntegers()
    {
        var numbers = new JsonNumber[272];
        for (var i = 0; i < numbers.Length; i++)
        {
            numbers[i] = new JsonNumber(i - 16);
        }

        return numbers;
    }
}
