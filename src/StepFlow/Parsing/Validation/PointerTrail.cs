using System.Text;
using StepFlow.Json;

namespace StepFlow.Parsing.Validation;

/// <summary>
/// Remembers how nodes of a deep walk hang together so that a JSON Pointer is built only when a
/// diagnostic needs one. Deep inputs (thousands of levels) therefore cost no quadratic string building.
/// </summary>
internal sealed class PointerTrail
{
    private readonly List<(int Parent, string? Name, int Index)> _nodes = [];
    private PendingPointer _root;

    public PointerTrail(string root) => _root = root;

    /// <summary>Forgets all nodes and starts a new walk at <paramref name="root"/>, keeping the buffer.</summary>
    public PointerTrail Reset(in PendingPointer root)
    {
        _nodes.Clear();
        _root = root;
        return this;
    }

    /// <summary>The node for the walk's root; its pointer is the root pointer.</summary>
    public static int Root => -1;

    public int AddMember(int parent, string name)
    {
        _nodes.Add((parent, name, -1));
        return _nodes.Count - 1;
    }

    public int AddIndex(int parent, int index)
    {
        _nodes.Add((parent, null, index));
        return _nodes.Count - 1;
    }

    public string PointerOf(int node)
    {
        if (node < 0)
        {
            return _root.ToString();
        }

        var tokens = new List<string>();
        for (var current = node; current >= 0; current = _nodes[current].Parent)
        {
            var (_, name, index) = _nodes[current];
            tokens.Add(name is null ? index.ToString(System.Globalization.CultureInfo.InvariantCulture) : Escape(name));
        }

        var builder = new StringBuilder(_root.ToString());
        for (var i = tokens.Count - 1; i >= 0; i--)
        {
            builder.Append('/').Append(tokens[i]);
        }

        return builder.ToString();
    }

    private static string Escape(string token) =>
        token.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal);
}
