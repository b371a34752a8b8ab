using System.Collections.Immutable;
using StepFlow.Json;

namespace StepFlow.Parsing.Validation;

/// <summary>
/// Checks an Amazon States Language definition the way AWS's ValidateStateMachineDefinition does and
/// reports every problem at once, each with AWS's code, a severity and a JSON Pointer location.
/// It never throws on any input: whatever the shape of the JSON, the answer is a list of diagnostics.
/// Expression syntax (JSONPath, intrinsic functions, JSONata) is left to the model builder.
/// </summary>
internal static class DefinitionValidator
{
    /// <summary>
    /// Validates a parsed definition. The validator walks a definition of any depth without recursion limits of the
    /// host's stack; <see cref="StateMachine.TryParse(JsonValue, out StateMachine?, out ImmutableArray{Diagnostic})"/>
    /// further refuses one nested deeper than <see cref="JsonValue.MaxDepth"/>, which no definition text can be.
    /// </summary>
    /// <param name="definition">The definition; null is reported as MISSING_DESCRIPTION.</param>
    /// <param name="options">Validation options; <see cref="ValidationOptions.Default"/> when null.</param>
    /// <returns>All diagnostics in discovery order; empty when the definition is valid and clean.</returns>
    public static ImmutableArray<Diagnostic> Validate(JsonValue definition, ValidationOptions? options = null)
    {
        var ctx = new ValidationContext(options ?? ValidationOptions.Default);
        if (definition is null)
        {
            ctx.Error(DiagnosticCodes.MissingDescription, "The definition is missing.", string.Empty);
            return ctx.ToResult();
        }

        Run(ctx, definition);
        return ctx.ToResult();
    }

    /// <summary>
    /// Validates definition text: null or empty text is MISSING_DESCRIPTION, malformed JSON is
    /// INVALID_JSON_DESCRIPTION with line and position, and text over the size limit is SCHEMA_VALIDATION_FAILED.
    /// </summary>
    /// <param name="definitionJson">The definition as JSON text.</param>
    /// <param name="options">Validation options; <see cref="ValidationOptions.Default"/> when null.</param>
    /// <returns>All diagnostics in discovery order; empty when the definition is valid and clean.</returns>
    public static ImmutableArray<Diagnostic> Validate(string definitionJson, ValidationOptions? options = null)
    {
        var session = StateMachine.NewParseSession();
        var ctx = new ValidationContext(options ?? ValidationOptions.Default, session);
        if (string.IsNullOrWhiteSpace(definitionJson))
        {
            ctx.Error(DiagnosticCodes.MissingDescription, "The definition is null or empty.", string.Empty);
            return ctx.ToResult();
        }

        if (DefinitionText.BytesOver(definitionJson, ctx.Options.MaxDefinitionLength) >= 0)
        {
            ctx.Schema($"The definition is larger than {ctx.Options.MaxDefinitionLength} bytes of UTF-8.", string.Empty);
            return ctx.ToResult();
        }

        JsonValue definition;
        var duplicates = new List<JsonDuplicateKey>();
        try
        {
            definition = JsonTextParser.Parse(definitionJson, JsonParseOptions.Default, duplicates, session);
        }
        catch (JsonParseException e)
        {
            ctx.Add(Diagnostic.Error(DiagnosticCodes.InvalidJsonDescription, e.Message, string.Empty) with
            {
                Line = e.Line,
                Position = e.BytePositionInLine,
            });
            return ctx.ToResult();
        }

        DuplicateStateKeys.Report(ctx, duplicates);
        Run(ctx, definition, VariableReferenceRules.MayReferenceVariables(definitionJson));
        return ctx.ToResult();
    }

    /// <summary>
    /// Validates a definition already parsed from text (no second parse); <paramref name="duplicates"/> are the
    /// repeated member names that parse reported, or null when the definition did not come from text, and
    /// <paramref name="session"/> the session it was read in (null when it was not read from text).
    /// <paramref name="mayReferenceVariables"/> is false when the text was found to hold no variable reference
    /// (<see cref="VariableReferenceRules.MayReferenceVariables"/>).
    /// </summary>
    internal static ImmutableArray<Diagnostic> Validate(
        JsonValue definition, IReadOnlyList<JsonDuplicateKey>? duplicates, ParseSession? session, ValidationOptions? options, bool mayReferenceVariables = true)
    {
        var ctx = new ValidationContext(options ?? ValidationOptions.Default, session);
        if (duplicates is not null)
        {
            DuplicateStateKeys.Report(ctx, duplicates);
        }

        Run(ctx, definition, mayReferenceVariables);
        return ctx.ToResult();
    }

    /// <summary>
    /// A definition built in code may nest deeper than any text the parser accepts; the builder and the executor walk
    /// it by recursion, so a machine is not built from it (AWS could not even read it).
    /// </summary>
    internal static Diagnostic? TooDeep(JsonValue definition) =>
        definition.Depth > JsonValue.MaxDepth
            ? Diagnostic.Error(
                DiagnosticCodes.SchemaValidationFailed,
                $"The definition is nested {definition.Depth} levels deep; at most {JsonValue.MaxDepth} are allowed.",
                string.Empty)
            : null;

    private static void Run(ValidationContext ctx, JsonValue definition, bool mayReferenceVariables = true)
    {
        try
        {
            ScopeValidator.Validate(ctx, definition);
            if (mayReferenceVariables)
            {
                VariableReferenceRules.Validate(ctx, definition);
            }
        }
        catch (Exception e) when (e is InsufficientExecutionStackException or InvalidOperationException or ArgumentException or IndexOutOfRangeException or NullReferenceException)
        {
            // A validator bug must not take the caller down: report it as a diagnostic instead.
            ctx.Schema($"The definition could not be fully validated: {e.Message}", string.Empty);
        }
    }
}
