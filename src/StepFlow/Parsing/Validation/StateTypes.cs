using System.Collections.Frozen;

namespace StepFlow.Parsing.Validation;

/// <summary>The eight ASL state types.</summary>
internal enum AslStateType
{
    Task,
    Pass,
    Choice,
    Wait,
    Succeed,
    Fail,
    Parallel,
    Map,
}

/// <summary>The query language a state is written in.</summary>
internal enum QueryLanguageMode
{
    JsonPath,
    Jsonata,
}

/// <summary>Parses the case-sensitive <c>Type</c> and <c>QueryLanguage</c> values.</summary>
internal static class StateTypes
{
    private static readonly FrozenDictionary<string, AslStateType> ByName = new Dictionary<string, AslStateType>(StringComparer.Ordinal)
    {
        ["Task"] = AslStateType.Task,
        ["Pass"] = AslStateType.Pass,
        ["Choice"] = AslStateType.Choice,
        ["Wait"] = AslStateType.Wait,
        ["Succeed"] = AslStateType.Succeed,
        ["Fail"] = AslStateType.Fail,
        ["Parallel"] = AslStateType.Parallel,
        ["Map"] = AslStateType.Map,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    public static bool TryParse(string name, out AslStateType type) => ByName.TryGetValue(name, out type);

    public static bool TryParseQueryLanguage(string name, out QueryLanguageMode mode)
    {
        switch (name)
        {
            case "JSONPath":
                mode = QueryLanguageMode.JsonPath;
                return true;
            case "JSONata":
                mode = QueryLanguageMode.Jsonata;
                return true;
            default:
                mode = QueryLanguageMode.JsonPath;
                return false;
        }
    }

    public static string Name(QueryLanguageMode mode) => mode == QueryLanguageMode.Jsonata ? "JSONata" : "JSONPath";

    /// <summary>True for Succeed and Fail, the states that end their scope by type.</summary>
    public static bool IsTerminalType(AslStateType type) => type is AslStateType.Succeed or AslStateType.Fail;

    /// <summary>True for the states that need <c>Next</c> or <c>End</c>.</summary>
    public static bool NeedsTransition(AslStateType type) =>
        type is AslStateType.Task or AslStateType.Pass or AslStateType.Wait or AslStateType.Parallel or AslStateType.Map;
}
