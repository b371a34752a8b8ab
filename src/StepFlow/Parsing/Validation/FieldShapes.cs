using StepFlow.Definition;
using StepFlow.Json;

namespace StepFlow.Parsing.Validation;

/// <summary>
/// The classification of a state's fields (<see cref="StateFieldTables.Classify"/>), remembered per state type and query
/// language for the last few lists of field names seen. States of one kind list the same fields in the same order, and
/// their names come out of the parse as the same string instances, so a repeat is recognised by comparing references.
/// </summary>
internal sealed class FieldShapes
{
    private const int ShapesPerKind = 4;

    private readonly Shape?[] _shapes = new Shape?[16 * ShapesPerKind];
    private readonly int[] _nextReplaced = new int[16];

    /// <summary>The status and check of each of <paramref name="members"/>, in order.</summary>
    public ReadOnlySpan<(StateFieldTables.FieldStatus Status, StateFieldTables.FieldCheck Check)> Classify(
        StateType type, QueryLanguage language, ReadOnlySpan<KeyValuePair<string, JsonValue>> members)
    {
        var kind = ((int)type * 2) + (int)language;
        for (var i = 0; i < ShapesPerKind; i++)
        {
            if (_shapes[(kind * ShapesPerKind) + i] is { } shape && shape.Matches(members))
            {
                return shape.Fields;
            }
        }

        var names = new string[members.Length];
        var fields = new (StateFieldTables.FieldStatus, StateFieldTables.FieldCheck)[members.Length];
        for (var i = 0; i < members.Length; i++)
        {
            names[i] = members[i].Key;
            fields[i].Item1 = StateFieldTables.Classify(type, language, names[i], out fields[i].Item2);
        }

        _shapes[(kind * ShapesPerKind) + _nextReplaced[kind]] = new Shape(names, fields);
        _nextReplaced[kind] = (_nextReplaced[kind] + 1) % ShapesPerKind;
        return fields;
    }

    private sealed class Shape(string[] names, (StateFieldTables.FieldStatus, StateFieldTables.FieldCheck)[] fields)
    {
        public (StateFieldTables.FieldStatus Status, StateFieldTables.FieldCheck Check)[] Fields { get; } = fields;

        public bool Matches(ReadOnlySpan<KeyValuePair<string, JsonValue>> members)
        {
            if (members.Length != names.Length)
            {
                return false;
            }

            for (var i = 0; i < names.Length; i++)
            {
                if (!ReferenceEquals(names[i], members[i].Key))
                {
                    return false;
                }
            }

            return true;
        }
    }
}
