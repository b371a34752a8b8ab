namespace StepFlow.Json;

/// <summary>
/// Builds a <see cref="JsonObject"/> member by member. Setting a name twice keeps the first
/// position and the last value. A builder is used once.
/// </summary>
public sealed class JsonObjectBuilder
{
    private readonly List<KeyValuePair<string, JsonValue>> _members;
    private Dictionary<string, int>? _positions;

    /// <summary>Creates a builder.</summary>
    public JsonObjectBuilder(int capacity = 4) => _members = new List<KeyValuePair<string, JsonValue>>(capacity);

    /// <summary>The number of members so far.</summary>
    public int Count => _members.Count;

    /// <summary>Sets a member.</summary>
    public JsonObjectBuilder Set(string name, JsonValue value)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(value);
        var position = FindPosition(name);
        if (position >= 0)
        {
            _members[position] = new KeyValuePair<string, JsonValue>(name, value);
        }
        else
        {
            _positions?.Add(name, _members.Count);
            _members.Add(new KeyValuePair<string, JsonValue>(name, value));
        }

        return this;
    }

    /// <summary>Builds the object.</summary>
    public JsonObject Build() => JsonObject.TakeOwnership(_members.ToArray());

    private int FindPosition(string name)
    {
        if (_positions is null && _members.Count < 8)
        {
            for (var i = 0; i < _members.Count; i++)
            {
                if (string.Equals(_members[i].Key, name, StringComparison.Ordinal))
                {
                    return i;
                }
            }

            return -1;
        }

        if (_positions is null)
        {
            _positions = new Dictionary<string, int>(StringComparer.Ordinal);
            for (var i = 0; i < _members.Count; i++)
            {
                _positions[_members[i].Key] = i;
            }
        }

        return _positions.TryGetValue(name, out var found) ? found : -1;
    }
}
