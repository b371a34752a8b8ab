using System.Collections.Immutable;
using StepFlow.Json;

namespace StepFlow.Conformance.Api;

/// <summary>One recorded call of an API case (see ../shared/conformance-api/README.md).</summary>
/// <param name="Operation">The AWS operation, or <c>WaitFor</c>.</param>
/// <param name="Request">The request members, references unresolved.</param>
/// <param name="Expected">The recorded response, <c>{"exception": ...}</c>, or null when not recorded.</param>
/// <param name="Raises">AWS refused the call.</param>
/// <param name="Condition">The condition of a <c>WaitFor</c>.</param>
/// <param name="ExpectedSubset">Items a list response must contain, in order, when only those were recorded.</param>
public sealed record ApiCall(string Operation, JsonObject Request, JsonValue? Expected, bool Raises, string? Condition, ImmutableArray<JsonObject> ExpectedSubset);

/// <summary>A recorded sequence of Step Functions API calls with the responses real AWS returned.</summary>
public sealed record ApiCase(
    string Name,
    ImmutableArray<string> Features,
    ImmutableArray<ApiCall> Calls,
    ImmutableArray<KeyValuePair<string, string>> Bindings,
    ImmutableArray<JsonObject> Masks,
    string RawText)
{
    /// <summary>Every case file under <paramref name="folder"/>, in a stable order.</summary>
    public static IEnumerable<string> FindCaseFiles(string folder) =>
        Directory.EnumerateFiles(folder, "*.json", SearchOption.AllDirectories).Order(StringComparer.Ordinal);

    /// <summary>Reads a case file.</summary>
    public static ApiCase Load(string path)
    {
        var text = File.ReadAllText(path);
        var root = (JsonObject)JsonValue.Parse(text);
        var calls = ((JsonArray)root["calls"]).Select(c => (JsonObject)c).Select(c => new ApiCall(
            Str(c, "operation")!,
            c.TryGetValue("request", out var r) && r is JsonObject request ? request : JsonObject.Create(),
            c.TryGetValue("expected", out var e) && e.Kind != JsonKind.Null ? e : null,
            c.TryGetValue("raises", out var raises) && raises is JsonBool { Value: true },
            Str(c, "condition"),
            c.TryGetValue("expectedSubset", out var s) && s is JsonArray subset ? [.. subset.OfType<JsonObject>()] : [])).ToImmutableArray();
        var bindings = root.TryGetValue("bindings", out var b) && b is JsonObject bound
            ? bound.Members.ToArray().Where(m => m.Value is JsonString).Select(m => KeyValuePair.Create(m.Key, ((JsonString)m.Value).Value)).ToImmutableArray()
            : [];
        var masks = root.TryGetValue("masks", out var m) && m is JsonArray maskArray ? maskArray.OfType<JsonObject>().ToImmutableArray() : [];
        var features = root.TryGetValue("features", out var f) && f is JsonArray featureArray
            ? featureArray.OfType<JsonString>().Select(x => x.Value).ToImmutableArray()
            : [];
        return new ApiCase(Str(root, "name") ?? Path.GetFileNameWithoutExtension(path), features, calls, bindings, masks, text);
    }

    private static string? Str(JsonObject o, string key) => o.TryGetValue(key, out var v) && v is JsonString s ? s.Value : null;
}
