using StepFlow.Json;
using StepFlow.Parsing.Validation;

namespace StepFlow.Parsing;

/// <summary>The structural validation run before the graph is built: every rule of <see cref="DefinitionValidator"/>.</summary>
internal static class DefinitionChecks
{
    public static void Run(JsonObject root, IReadOnlyList<JsonDuplicateKey>? duplicates, ValidationOptions? options, List<Diagnostic> diagnostics, bool mayReferenceVariables = true) =>
        diagnostics.AddRange(DefinitionValidator.Validate(root, duplicates, options, mayReferenceVariables));
}
