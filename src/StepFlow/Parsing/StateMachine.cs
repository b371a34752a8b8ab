using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;
using StepFlow.Definition;
using StepFlow.Json;
using StepFlow.Parsing.Validation;

namespace StepFlow.Parsing;

/// <summary>
/// A parsed, validated, immutable state machine definition: the state graph with every path, payload
/// template, intrinsic call and Choice rule compiled. Thread-safe; run it with <see cref="StepFlowEngine"/>.
/// </summary>
public sealed class StateMachine
{
    /// <summary>The largest definition AWS accepts, in bytes of UTF-8 (1 MB).</summary>
    public const int MaxDefinitionLength = 1_048_576;

    /// <summary>
    /// A new session for reading one definition: identical blocks shared (nothing compares a definition's nodes by
    /// reference) and ASL's own words handed out as the engine's strings. The validator and the builder then take it.
    /// </summary>
    internal static ParseSession NewParseSession() => new(AslVocabulary.Words);

    private StateMachine(JsonObject source, StateGraph graph, int? timeoutSeconds, QueryLanguage queryLanguage, ImmutableArray<Diagnostic> warnings)
    {
        Source = source;
        Graph = graph;
        TimeoutSeconds = timeoutSeconds;
        QueryLanguage = queryLanguage;
        Warnings = warnings;
        Comment = source.TryGetValue(AslFields.Comment, out var comment) && comment is JsonString text ? text.Value : null;
    }

    /// <summary>The definition document.</summary>
    public JsonObject Source { get; }

    /// <summary>The top-level states.</summary>
    internal StateGraph Graph { get; }

    /// <summary>The top-level TimeoutSeconds, if set.</summary>
    public int? TimeoutSeconds { get; }

    /// <summary>The top-level query language.</summary>
    internal QueryLanguage QueryLanguage { get; }

    /// <summary>The top-level Comment.</summary>
    public string? Comment { get; }

    /// <summary>Warnings found while parsing (the definition is valid).</summary>
    public ImmutableArray<Diagnostic> Warnings { get; }

    /// <summary>Parses and validates a definition; throws <see cref="InvalidDefinitionException"/> carrying every diagnostic.</summary>
    public static StateMachine Parse(string definitionJson) => Parse(definitionJson, null);

    /// <summary>
    /// Parses and validates a definition with <paramref name="options"/> (for example
    /// <see cref="ValidationOptions.AllowedResources"/>, so a Task outside the allow-list is an error up front);
    /// throws <see cref="InvalidDefinitionException"/> carrying every diagnostic.
    /// </summary>
    public static StateMachine Parse(string definitionJson, ValidationOptions? options) =>
        TryParse(definitionJson, options, out var machine, out var diagnostics) ? machine : throw new InvalidDefinitionException(diagnostics);

    /// <summary>Parses and validates a definition without throwing; <paramref name="diagnostics"/> holds every problem found.</summary>
    public static bool TryParse(string definitionJson, [NotNullWhen(true)] out StateMachine? stateMachine, out ImmutableArray<Diagnostic> diagnostics) =>
        TryParse(definitionJson, null, out stateMachine, out diagnostics);

    /// <summary>Like <see cref="TryParse(string, out StateMachine?, out ImmutableArray{Diagnostic})"/>, validating with <paramref name="options"/>.</summary>
    public static bool TryParse(string definitionJson, ValidationOptions? options, [NotNullWhen(true)] out StateMachine? stateMachine, out ImmutableArray<Diagnostic> diagnostics)
    {
        stateMachine = null;
        var found = new List<Diagnostic>();
        if (string.IsNullOrWhiteSpace(definitionJson))
        {
            diagnostics = [Diagnostic.Error(DiagnosticCodes.MissingDescription, "The definition is null or empty.", string.Empty)];
            return false;
        }

        var maxLength = options?.MaxDefinitionLength ?? MaxDefinitionLength;
        if (DefinitionText.BytesOver(definitionJson, maxLength) >= 0)
        {
            diagnostics = [Diagnostic.Error(DiagnosticCodes.SchemaValidationFailed, $"The definition is larger than {maxLength} bytes of UTF-8.", string.Empty)];
            return false;
        }

        JsonValue document;
        var duplicates = new List<JsonDuplicateKey>();
        var session = NewParseSession();
        try
        {
            document = JsonTextParser.Parse(definitionJson, JsonParseOptions.Default, duplicates, session);
        }
        catch (JsonParseException e)
        {
            diagnostics = [Diagnostic.Error(DiagnosticCodes.InvalidJsonDescription, e.Message, string.Empty) with { Line = e.Line, Position = e.BytePositionInLine }];
            return false;
        }

        return TryBuild(document, duplicates, session, options, found, out stateMachine, out diagnostics, Parsing.Validation.VariableReferenceRules.MayReferenceVariables(definitionJson));
    }

    /// <summary>
    /// Parses and validates a definition document without throwing. A document nested deeper than
    /// <see cref="JsonValue.MaxDepth"/> (which no definition text can be) is SCHEMA_VALIDATION_FAILED.
    /// </summary>
    public static bool TryParse(JsonValue definition, [NotNullWhen(true)] out StateMachine? stateMachine, out ImmutableArray<Diagnostic> diagnostics)
    {
        ArgumentNullException.ThrowIfNull(definition);
        return TryBuild(definition, null, null, null, [], out stateMachine, out diagnostics);
    }

    /// <summary>
    /// Every diagnostic for a definition (empty when it is valid and has no warnings): the checks of
    /// <see cref="TryParse(string, out StateMachine?, out ImmutableArray{Diagnostic})"/>, which this runs. Never throws.
    /// </summary>
    public static ImmutableArray<Diagnostic> Validate(string definitionJson) => Validate(definitionJson, null);

    /// <summary>
    /// Like <see cref="Validate(string)"/>, validating with <paramref name="options"/> (for example an Express
    /// <see cref="ValidationOptions.StateMachineType"/>, or <see cref="ValidationOptions.AllowedResources"/>).
    /// </summary>
    public static ImmutableArray<Diagnostic> Validate(string definitionJson, ValidationOptions? options)
    {
        TryParse(definitionJson, options, out _, out var diagnostics);
        return diagnostics;
    }

    private static bool TryBuild(
        JsonValue document,
        IReadOnlyList<JsonDuplicateKey>? duplicates,
        ParseSession? session,
        ValidationOptions? options,
        List<Diagnostic> found,
        [NotNullWhen(true)] out StateMachine? stateMachine,
        out ImmutableArray<Diagnostic> diagnostics,
        bool mayReferenceVariables = true)
    {
        stateMachine = null;
        if (DefinitionValidator.TooDeep(document) is { } tooDeep)
        {
            diagnostics = [tooDeep];
            return false;
        }

        if (document is not JsonObject root)
        {
            diagnostics = [Diagnostic.Error(DiagnosticCodes.SchemaValidationFailed, "The definition must be a JSON object.", string.Empty)];
            return false;
        }

        DefinitionChecks.Run(root, duplicates, session, options, found, mayReferenceVariables);
        var language = root.TryGetValue(AslFields.QueryLanguage, out var ql) && ql is JsonString { Value: "JSONata" } ? QueryLanguage.Jsonata : QueryLanguage.JsonPath;
        var graph = found.Any(d => d.Severity == DiagnosticSeverity.Error) ? null : new StateMachineBuilder(found, session).BuildGraph(root, string.Empty, language);
        int? timeout = root.TryGetValue(AslFields.TimeoutSeconds, out var t) && t is JsonNumber n && n.TryGetInt32(out var seconds) ? seconds : null;
        diagnostics = [.. found];
        if (graph is null || found.Any(d => d.Severity == DiagnosticSeverity.Error))
        {
            if (!diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error))
            {
                diagnostics = diagnostics.Add(Diagnostic.Error(DiagnosticCodes.SchemaValidationFailed, "The definition could not be built.", string.Empty));
            }

            return false;
        }

        stateMachine = new StateMachine(root, graph, timeout, language, diagnostics);
        return true;
    }
}
