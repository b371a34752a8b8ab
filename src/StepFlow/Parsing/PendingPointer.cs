namespace StepFlow.Parsing;

/// <summary>
/// A JSON Pointer not yet written out: a parent pointer and at most one more reference token (a member
/// name or an array index). The builder passes these to code that reports a diagnostic only on bad
/// input, so the string (and its <c>~</c>/<c>/</c> escaping) is built only when a diagnostic needs it.
/// </summary>
internal readonly struct PendingPointer
{
    private readonly string _parent;
    private readonly string? _name;
    private readonly int _index;

    /// <summary>The pointer <paramref name="parent"/> + <c>/</c> + escaped <paramref name="name"/>.</summary>
    public PendingPointer(string parent, string name)
    {
        _parent = parent;
        _name = name;
        _index = -1;
    }

    /// <summary>The pointer <paramref name="parent"/> + <c>/</c> + <paramref name="index"/>.</summary>
    public PendingPointer(string parent, int index)
    {
        _parent = parent;
        _index = index;
    }

    private PendingPointer(string pointer)
    {
        _parent = pointer;
        _index = -1;
    }

    /// <summary>A pointer that is already written out.</summary>
    public static implicit operator PendingPointer(string pointer) => new(pointer);

    /// <summary>Writes the pointer out.</summary>
    public override string ToString() =>
        _name is not null ? JsonPointer.Append(_parent, _name) : _index >= 0 ? JsonPointer.Append(_parent, _index) : _parent;
}
