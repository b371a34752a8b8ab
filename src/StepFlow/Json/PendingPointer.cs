namespace StepFlow.Json;

/// <summary>
/// A JSON Pointer not yet written out: a written prefix and up to <see cref="MaxTokens"/> more reference tokens
/// (member names or array indexes), held by value. The builder passes these down to code that reports a
/// diagnostic only on bad input, so a valid definition builds without writing (or escaping) any pointer.
/// Appending copies the value; nothing is shared or changed, so a pointer can be handed to any depth.
/// </summary>
internal readonly struct PendingPointer
{
    /// <summary>Tokens held before the prefix is written out and the tokens start again.</summary>
    public const int MaxTokens = 6;

    private readonly string? _prefix;
    private readonly string? _name0;
    private readonly string? _name1;
    private readonly string? _name2;
    private readonly string? _name3;
    private readonly string? _name4;
    private readonly string? _name5;
    private readonly int _index0;
    private readonly int _index1;
    private readonly int _index2;
    private readonly int _index3;
    private readonly int _index4;
    private readonly int _index5;
    private readonly int _count;

    /// <summary>The pointer <paramref name="parent"/> + <c>/</c> + escaped <paramref name="name"/>.</summary>
    public PendingPointer(string parent, string name)
        : this(parent, name, -1, null, -1, null, -1, null, -1, null, -1, null, -1, 1)
    {
    }

    /// <summary>The pointer <paramref name="parent"/> + <c>/</c> + <paramref name="index"/>.</summary>
    public PendingPointer(string parent, int index)
        : this(parent, null, index, null, -1, null, -1, null, -1, null, -1, null, -1, 1)
    {
    }

    private PendingPointer(string? prefix, string? name0, int index0, string? name1, int index1, string? name2, int index2, string? name3, int index3, string? name4, int index4, string? name5, int index5, int count)
    {
        _prefix = prefix;
        _name0 = name0;
        _index0 = index0;
        _name1 = name1;
        _index1 = index1;
        _name2 = name2;
        _index2 = index2;
        _name3 = name3;
        _index3 = index3;
        _name4 = name4;
        _index4 = index4;
        _name5 = name5;
        _index5 = index5;
        _count = count;
    }

    /// <summary>A pointer that is already written out.</summary>
    public static implicit operator PendingPointer(string pointer) => new(pointer, null, -1, null, -1, null, -1, null, -1, null, -1, null, -1, 0);

    /// <summary>This pointer and one more member name.</summary>
    public PendingPointer Append(string name) => Append(name, -1);

    /// <summary>This pointer and one more array index.</summary>
    public PendingPointer Append(int index) => Append(null, index);

    /// <summary>Writes the pointer out.</summary>
    public override string ToString()
    {
        if (_count == 0)
        {
            return _prefix ?? string.Empty;
        }

        var builder = new System.Text.StringBuilder(_prefix);
        Write(builder, _name0, _index0);
        if (_count > 1)
        {
            Write(builder, _name1, _index1);
        }

        if (_count > 2)
        {
            Write(builder, _name2, _index2);
        }

        if (_count > 3)
        {
            Write(builder, _name3, _index3);
        }

        if (_count > 4)
        {
            Write(builder, _name4, _index4);
        }

        if (_count > 5)
        {
            Write(builder, _name5, _index5);
        }

        return builder.ToString();
    }

    private static void Write(System.Text.StringBuilder builder, string? name, int index)
    {
        builder.Append('/');
        if (name is null)
        {
            builder.Append(index.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
        else if (name.AsSpan().IndexOfAny('~', '/') < 0)
        {
            builder.Append(name);
        }
        else
        {
            builder.Append(name.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal));
        }
    }

    private PendingPointer Append(string? name, int index) => _count switch
    {
        0 => new PendingPointer(_prefix, name, index, null, -1, null, -1, null, -1, null, -1, null, -1, 1),
        1 => new PendingPointer(_prefix, _name0, _index0, name, index, null, -1, null, -1, null, -1, null, -1, 2),
        2 => new PendingPointer(_prefix, _name0, _index0, _name1, _index1, name, index, null, -1, null, -1, null, -1, 3),
        3 => new PendingPointer(_prefix, _name0, _index0, _name1, _index1, _name2, _index2, name, index, null, -1, null, -1, 4),
        4 => new PendingPointer(_prefix, _name0, _index0, _name1, _index1, _name2, _index2, _name3, _index3, name, index, null, -1, 5),
        5 => new PendingPointer(_prefix, _name0, _index0, _name1, _index1, _name2, _index2, _name3, _index3, _name4, _index4, name, index, 6),

        // Deeper (nested templates or Choice rules): write the prefix out and start the tokens again.
        _ => new PendingPointer(ToString(), name, index, null, -1, null, -1, null, -1, null, -1, null, -1, 1),
    };
}
