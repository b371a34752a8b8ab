using StepFlow.Json;
using StepFlow.Parsing.Validation;

namespace StepFlow.Parsing;

/// <summary>The structural validation run before the graph is built: every rule of <see cref="DefinitionValidator"/>.</summary>
internal static class DefinitionChecks
{
    /// <summary>Validates <paramref name="root"/>, read in <paramref name="session"/> (null when it was not read from text), into <paramref name="diagnostics"/>.</summary>
    public static void Run(
        JsonObject root, IReadOnlyList<JsonDuplicateKey>? duplicates, ParseSession? session, ValidationOptions? options, List<Diagnostic> diagnostics, bool mayReferenceVariables = true) =>
        diagnostics.AddRange(DefinitionValidator.Validate(root, duplicates, session, options, mayReferenceVariables));
}
