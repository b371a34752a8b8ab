using System.Collections.Immutable;
using StepFlow.Json;
using StepFlow.Service.TestState;

namespace StepFlow.Conformance.TestState;

/// <summary>
/// One recorded TestState call (../shared/conformance-teststate, format in its README): the request as sent, and the
/// response AWS returned or the error it raised, with the recorder's bindings, masks and environment.
/// </summary>
public sealed class TestStateCase
{
    private TestStateCase(string name, string? filePath, JsonObject source)
    {
        Name = name;
        FilePath = filePath;
        Features = source.TryGetValue("features", out var features) && features is JsonArray tags
            ? [.. tags.OfType<JsonString>().Select(t => t.Value)]
            : [];
        var request = (JsonObject)source["request"];
        RequestText = RequestJson(request).ToJsonString();
        RawRequestText = request.ToJsonString();
        Expected = (JsonObject)source["expected"];
        Bindings = source.TryGetValue("bindings", out var bindings) && bindings is JsonObject map
            ? map.Members.ToArray().Where(m => m.Value is JsonString).ToImmutableDictionary(m => m.Key, m => ((JsonString)m.Value).Value, StringComparer.Ordinal)
            : ImmutableDictionary<string, string>.Empty;
        Masks = source.TryGetValue("masks", out var masks) && masks is JsonArray list ? [.. list.OfType<JsonObject>()] : [];
        LambdaFunctions = source.TryGetValue("environment", out var environment) && environment is JsonObject env &&
            env.TryGetValue("lambdaFunctions", out var functions) && functions is JsonObject byName
                ? byName.Members.ToArray().ToImmutableDictionary(
                    m => m.Key,
                    m => m.Value is JsonObject f && f.TryGetValue("handlerSource", out var handler) && handler is JsonString text ? text.Value : string.Empty,
                    StringComparer.Ordinal)
                : ImmutableDictionary<string, string>.Empty;
    }

    /// <summary>The case name (also the file name).</summary>
    public string Name { get; }

    /// <summary>The file the case came from.</summary>
    public string? FilePath { get; }

    /// <summary>The case's tags.</summary>
    public ImmutableArray<string> Features { get; }

    /// <summary>The request in the API's JSON (<c>definitionString</c> sent verbatim as <c>definition</c>).</summary>
    public string RequestText { get; }

    /// <summary>The request as recorded (a token-like text in it is data, not a token).</summary>
    public string RawRequestText { get; }

    /// <summary>The response AWS returned, or <c>{"exception": {"code", "message"}}</c>.</summary>
    public JsonObject Expected { get; }

    /// <summary>Placeholder → the value it replaced.</summary>
    public ImmutableDictionary<string, string> Bindings { get; }

    /// <summary>The recorder's masks.</summary>
    public ImmutableArray<JsonObject> Masks { get; }

    /// <summary>Lambda function name → the Python source of its handler.</summary>
    public ImmutableDictionary<string, string> LambdaFunctions { get; }

    /// <summary>The request.</summary>
    public TestStateRequest Request => TestStateJson.ParseRequest(RequestText);

    /// <summary>Loads a case file.</summary>
    public static TestStateCase Load(string path)
    {
        var source = JsonValue.Parse(File.ReadAllText(path)) as JsonObject
            ?? throw new InvalidDataException($"{path}: a TestState case must be a JSON object.");
        var name = source.TryGetValue("name", out var n) && n is JsonString text ? text.Value : Path.GetFileNameWithoutExtension(path);
        return new TestStateCase(name, path, source);
    }

    /// <summary>The case files under a folder, in a stable order.</summary>
    public static IReadOnlyList<string> FindCaseFiles(string folder) =>
        [.. Directory.EnumerateFiles(folder, "*.json", SearchOption.AllDirectories).Order(StringComparer.Ordinal)];

    private static JsonObject RequestJson(JsonObject request)
    {
        var builder = new JsonObjectBuilder(request.Count);
        foreach (var member in request.Members)
        {
            switch (member.Key)
            {
                case "definition" when request.ContainsKey("definitionString"):
                    break;
                case "definitionString":
                    builder.Set("definition", member.Value);
                    break;
                default:
                    builder.Set(member.Key, member.Value);
                    break;
            }
        }

        return builder.Build();
    }
}
