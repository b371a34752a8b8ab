using System.Reflection;
using StepFlow.Parsing;

namespace StepFlow.Hosting;

/// <summary>Reads state machine definitions from files and embedded resources, naming the source in every error.</summary>
internal static class StateMachineSources
{
    public static StateMachine FromFile(string name, string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            throw new InvalidOperationException(
                $"StepFlow state machine '{name}': its definition file '{Path.GetFullPath(path)}' cannot be read: {e.Message}", e);
        }

        return Parse(name, $"file '{Path.GetFullPath(path)}'", text);
    }

    public static StateMachine FromResource(string name, Assembly assembly, string resourceName)
    {
        using var stream = assembly.GetManifestResourceStream(resourceName)
            ?? throw new InvalidOperationException(
                $"StepFlow state machine '{name}': assembly '{assembly.GetName().Name}' has no embedded resource '{resourceName}' " +
                $"(it has: {string.Join(", ", assembly.GetManifestResourceNames())}).");
        using var reader = new StreamReader(stream);
        return Parse(name, $"resource '{resourceName}' of '{assembly.GetName().Name}'", reader.ReadToEnd());
    }

    private static StateMachine Parse(string name, string source, string definition)
    {
        try
        {
            return StateMachine.Parse(definition);
        }
        catch (InvalidDefinitionException e)
        {
            throw new InvalidOperationException($"StepFlow state machine '{name}' ({source}) is not valid: {e.Message}", e);
        }
    }
}
