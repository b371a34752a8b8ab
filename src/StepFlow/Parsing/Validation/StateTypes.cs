using System.Collections.Frozen;
using StepFlow.Definition;

namespace StepFlow.Parsing.Validation;

/// <summary>Parses the case-sensitive <c>Type</c> and <c>QueryLanguage</c> values.</summary>
internal static class StateTypes
{
    private static readonly FrozenDictionary<string, StateType> ByName = new Dictionary<string, StateType>(StringComparer.Ordinal)
    {
        ["Task"] = StateType.Task,
        ["Pass"] = StateType.Pass,
        ["Choice"] = StateType.Choice,
        ["Wait"] = StateType.Wait,
        ["Succeed"] = StateType.Succeed,
        ["Fail"] = StateType.Fail,
        ["Parallel"] = StateType.Parallel,
        ["Map"] = StateType.Map,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    public static bool TryParse(string name, out StateType type) => ByName.TryGetValue(name, out type);

    public static bool TryParseQueryLanguage(string name, out QueryLanguage mode)
    {
        switch (name)
        {
            case "JSONPath":
                mode = QueryLanguage.JsonPath;
                return true;
            case "JSONata":
                mode = QueryLanguage.Jsonata;
                return true;
            default:
                mode = QueryLanguage.JsonPath;
                return false;
        }
    }

    public static string Name(QueryLanguage mode) => mode == QueryLanguage.Jsonata ? "JSONata" : "JSONPath";

    /// <summary>True for Succeed and Fail, the states that end their scope by type.</summary>
    public static bool IsTerminalType(StateType type) => type is StateType.Succeed or StateType.Fail;

    /// <summary>True for the states that need <c>Next</c> or <c>End</c>.</summary>
    public static bool NeedsTransition(StateType type) =>
        type is StateType.Task or StateType.Pass or StateType.Wait or StateType.Parallel or StateType.Map;
}
