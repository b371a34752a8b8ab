using StepFlow.Json;

namespace StepFlow.Parsing;

/// <summary>The structural validation run before the graph is built (the full validator plugs in here).</summary>
internal static class DefinitionChecks
{
    public static void Run(JsonObject root, List<Diagnostic> diagnostics)
    {
        _ = root;
        _ = diagnostics;
    }
}
