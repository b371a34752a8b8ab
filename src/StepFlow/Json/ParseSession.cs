namespace StepFlow.Json;

/// <summary>
/// The memo of one definition parse, handed from the JSON reader to whoever works on the tree it read (the validator and
/// the model builder). Given to the reader, it makes identical objects and arrays within the text one shared node (see
/// <c>JsonTreeBuilder.Sharing</c>) and hands out <see cref="KnownStrings"/> as these very instances; it then tells which
/// containers the reader handed out at more than one place of the tree: only such a node is worth remembering work
/// about (a block checked or compiled once is checked or compiled once for every place it appears).
/// A session belongs to one parse and the work that follows it on one thread; it is never shared between parses.
/// Execution data is never read with a session (nothing there may be compared by reference and found shared).
/// </summary>
internal sealed class ParseSession
{
    /// <summary>The containers found at a second place of the tree; null until the first is.</summary>
    private HashSet<JsonValue>? _repeated;

    /// <summary>
    /// One bit per shape (<see cref="Shape"/>) of a repeated container: most nodes asked about are not repeated, and
    /// their shape tells so without hashing them (a bit set for another node's shape only costs the exact lookup).
    /// </summary>
    private ulong _shapes;

    /// <summary>A session whose reader hands out <paramref name="knownStrings"/> (when given) as these very instances.</summary>
    public ParseSession(IReadOnlyList<string>? knownStrings = null) => KnownStrings = knownStrings;

    /// <summary>Strings the reader hands out as these very instances when the text holds them (member names and string values).</summary>
    public IReadOnlyList<string>? KnownStrings { get; }

    /// <summary>How many containers the reader found at more than one place.</summary>
    public int RepeatedCount => _repeated?.Count ?? 0;

    /// <summary>
    /// True for an object or array that the reader of this session handed out at more than one place of its tree.
    /// A tree read without this session has no repeated node as far as it knows.
    /// </summary>
    public bool IsRepeated(JsonValue node) => MayBeRepeated(node) && _repeated!.Contains(node);

    /// <summary>
    /// False when <paramref name="node"/> is certainly not repeated (read from two fields, no hashing); true when it may
    /// be. A memo that only ever keeps repeated nodes asks this before looking a node up in itself: a hit there is exact.
    /// </summary>
    public bool MayBeRepeated(JsonValue node) => (_shapes & Shape(node)) != 0;

    /// <summary>The bit of a container's shape (its kind, depth and size, read from fields); 0 for anything else.</summary>
    private static ulong Shape(JsonValue node) => node switch
    {
        JsonObject obj => 1UL << ((node.Depth * 7) + obj.Count & 31),
        JsonArray array => 1UL << (32 + ((node.Depth * 7) + array.Count & 31)),
        _ => 0,
    };

    /// <summary>Called by the reader: <paramref name="node"/> was found again at another place of the tree being read.</summary>
    internal void MarkRepeated(JsonValue node)
    {
        (_repeated ??= new HashSet<JsonValue>(ReferenceEqualityComparer.Instance)).Add(node);
        _shapes |= Shape(node);
    }

    /// <summary>Called by the reader when it gives up a text it began to read: no node of that attempt is in the tree.</summary>
    internal void Forget()
    {
        _repeated?.Clear();
        _shapes = 0;
    }
}
