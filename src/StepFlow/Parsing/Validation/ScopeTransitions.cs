using StepFlow.Json;

namespace StepFlow.Parsing.Validation;

/// <summary>The transitions (Next, Default, Choice rule Next, Catch Next) found in one scope, checked once all states are known.</summary>
internal sealed class ScopeTransitions
{
    private readonly List<Transition> _items = [];

    public int Count => _items.Count;

    public Transition this[int index] => _items[index];

    /// <summary>Adds a transition of the state at position <paramref name="from"/> of the scope's States.</summary>
    public void Add(int from, string target, string field, int index = -1, string? subField = null) =>
        _items.Add(new Transition(from, target, field, index, subField));

    public void Clear() => _items.Clear();

    /// <summary>One transition; the pointer to it is built only when it is reported.</summary>
    internal readonly record struct Transition(int From, string Target, string Field, int Index, string? SubField)
    {
        /// <summary>The transition's pointer, for the state <paramref name="stateName"/> of the States object at <paramref name="statesPointer"/>.</summary>
        public string PointerIn(string statesPointer, string stateName)
        {
            var pointer = new PendingPointer(statesPointer, stateName).Append(Field);
            if (Index >= 0)
            {
                pointer = pointer.Append(Index);
            }

            return (SubField is null ? pointer : pointer.Append(SubField)).ToString();
        }
    }
}
