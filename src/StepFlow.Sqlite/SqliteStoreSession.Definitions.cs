using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using Microsoft.Data.Sqlite;
using StepFlow.Json;

namespace StepFlow.Sqlite;

/// <content>
/// Definitions are stored once per distinct text (keyed by its SHA-256), however many executions run them. A
/// definition object already stored is known by reference, so starting another execution of it serializes nothing;
/// reading a record returns one shared object per stored definition.
/// </content>
internal sealed partial class SqliteStoreSession
{
    private const int MaxCachedDefinitions = 256;

    private readonly SqliteCommand _insertDefinition;
    private readonly SqliteCommand _findDefinition;
    private readonly SqliteCommand _readDefinition;

    private ConditionalWeakTable<JsonObject, StrongBox<long>> _definitionIds = new();
    private readonly Dictionary<long, JsonObject> _definitionsById = [];
    private readonly Dictionary<JsonObject, long> _pendingDefinitions = new(ReferenceEqualityComparer.Instance);

    /// <summary>The row id of <paramref name="definition"/>, inserting it (in the open transaction) when it is new.</summary>
    private long DefinitionId(JsonObject definition)
    {
        if (_definitionIds.TryGetValue(definition, out var known))
        {
            return known.Value;
        }

        if (_pendingDefinitions.TryGetValue(definition, out var pending))
        {
            return pending;
        }

        var text = JsonText(definition, "definition");
        var hash = SHA256.HashData(Utf8Buffer.EncodeStrict(text, "definition"));
        Set(_insertDefinition, 0, hash);
        Set(_insertDefinition, 1, text);
        _insertDefinition.ExecuteNonQuery();
        Set(_findDefinition, 0, hash);
        var id = (long)_findDefinition.ExecuteScalar()!;
        _pendingDefinitions[definition] = id;
        return id;
    }

    /// <summary>The stored definition <paramref name="id"/>, parsed once.</summary>
    private JsonObject Definition(long id)
    {
        if (_definitionsById.TryGetValue(id, out var cached))
        {
            return cached;
        }

        Set(_readDefinition, 0, id);
        var text = _readDefinition.ExecuteScalar() as string ?? throw new FormatException($"definition {id} is missing");
        var definition = JsonValue.Parse(text) as JsonObject ?? throw new FormatException($"definition {id} is not an object");
        Remember(definition, id);
        return definition;
    }

    private void CommitDefinitions()
    {
        foreach (var (definition, id) in _pendingDefinitions)
        {
            Remember(definition, id);
        }

        _pendingDefinitions.Clear();
    }

    private void Remember(JsonObject definition, long id)
    {
        if (_definitionsById.Count >= MaxCachedDefinitions)
        {
            _definitionsById.Clear();
        }

        _definitionsById[id] = definition;
        _definitionIds.AddOrUpdate(definition, new StrongBox<long>(id));
    }

    /// <summary>After definitions were deleted their ids may be reused: forget every id.</summary>
    private void ForgetDefinitions()
    {
        _definitionIds = new ConditionalWeakTable<JsonObject, StrongBox<long>>();
        _definitionsById.Clear();
    }
}
