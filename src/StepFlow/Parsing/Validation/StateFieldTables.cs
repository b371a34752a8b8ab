using System.Collections.Frozen;
using StepFlow.Definition;

namespace StepFlow.Parsing.Validation;

/// <summary>
/// Which fields each state type accepts, split into fields valid in both query languages, JSONPath-only
/// and JSONata-only fields (ASL spec; aws/amazon-states-language-service schema; Developer Guide).
/// </summary>
internal static class StateFieldTables
{
    private static readonly FrozenSet<string>[] Both = Build(
        task: ["Type", "Comment", "QueryLanguage", "Resource", "TimeoutSeconds", "HeartbeatSeconds", "Credentials", "Retry", "Catch", "Next", "End", "Assign"],
        pass: ["Type", "Comment", "QueryLanguage", "Next", "End", "Assign"],
        choice: ["Type", "Comment", "QueryLanguage", "Choices", "Default", "Assign"],
        wait: ["Type", "Comment", "QueryLanguage", "Seconds", "Timestamp", "Next", "End", "Assign"],
        succeed: ["Type", "Comment", "QueryLanguage"],
        fail: ["Type", "Comment", "QueryLanguage", "Error", "Cause"],
        parallel: ["Type", "Comment", "QueryLanguage", "Branches", "Retry", "Catch", "Next", "End", "Assign"],
        map: ["Type", "Comment", "QueryLanguage", "ItemProcessor", "Iterator", "ItemReader", "ItemSelector", "ItemBatcher", "ResultWriter",
            "MaxConcurrency", "ToleratedFailurePercentage", "ToleratedFailureCount", "Label", "Retry", "Catch", "Next", "End", "Assign"]);

    private static readonly FrozenSet<string>[] JsonPathOnly = Build(
        task: ["InputPath", "OutputPath", "Parameters", "ResultSelector", "ResultPath", "TimeoutSecondsPath", "HeartbeatSecondsPath"],
        pass: ["InputPath", "OutputPath", "Parameters", "ResultPath", "Result"],
        choice: ["InputPath", "OutputPath"],
        wait: ["InputPath", "OutputPath", "SecondsPath", "TimestampPath"],
        succeed: ["InputPath", "OutputPath"],
        fail: ["ErrorPath", "CausePath"],
        parallel: ["InputPath", "OutputPath", "Parameters", "ResultSelector", "ResultPath"],
        map: ["InputPath", "OutputPath", "Parameters", "ResultSelector", "ResultPath", "ItemsPath", "MaxConcurrencyPath",
            "ToleratedFailurePercentagePath", "ToleratedFailureCountPath"]);

    private static readonly FrozenSet<string>[] JsonataOnly = Build(
        task: ["Arguments", "Output"],
        pass: ["Output"],
        choice: ["Output"],
        wait: ["Output"],
        succeed: ["Output"],
        fail: [],
        parallel: ["Arguments", "Output"],
        map: ["Items", "Output"]);

    /// <summary>How a field relates to a state type and query language.</summary>
    public enum FieldStatus
    {
        Allowed,
        WrongQueryLanguage,
        Unknown,
    }

    /// <summary>The value check an allowed field gets in <c>StateValidator.CheckFields</c>.</summary>
    public enum FieldCheck
    {
        None,
        Comment,
        Path,
        Template,
        Arguments,
        Assign,
    }

    /// <summary>Per state type and query language: every field known to the type, with its status and check (one lookup per field).</summary>
    private static readonly FrozenDictionary<string, (FieldStatus Status, FieldCheck Check)>[] Statuses = BuildStatuses();

    /// <summary>The field's status and, when it is allowed, which value check it gets.</summary>
    public static FieldStatus Classify(StateType type, QueryLanguage language, string field, out FieldCheck check)
    {
        if (Statuses[((int)type * 2) + (language == QueryLanguage.Jsonata ? 1 : 0)].TryGetValue(field, out var entry))
        {
            check = entry.Check;
            return entry.Status;
        }

        check = FieldCheck.None;
        return FieldStatus.Unknown;
    }

    private static FieldCheck CheckOf(string field) => field switch
    {
        "Comment" => FieldCheck.Comment,
        "InputPath" or "OutputPath" or "ResultPath" => FieldCheck.Path,
        "Parameters" or "ResultSelector" => FieldCheck.Template,
        "Arguments" => FieldCheck.Arguments,
        "Assign" => FieldCheck.Assign,
        _ => FieldCheck.None,
    };

    private static FrozenDictionary<string, (FieldStatus Status, FieldCheck Check)>[] BuildStatuses()
    {
        var statuses = new FrozenDictionary<string, (FieldStatus Status, FieldCheck Check)>[Both.Length * 2];
        for (var type = 0; type < Both.Length; type++)
        {
            for (var jsonata = 0; jsonata < 2; jsonata++)
            {
                var own = jsonata == 1 ? JsonataOnly[type] : JsonPathOnly[type];
                var other = jsonata == 1 ? JsonPathOnly[type] : JsonataOnly[type];
                var table = new Dictionary<string, (FieldStatus Status, FieldCheck Check)>(StringComparer.Ordinal);
                foreach (var field in other)
                {
                    table[field] = (FieldStatus.WrongQueryLanguage, FieldCheck.None);
                }

                foreach (var field in Both[type].Concat(own))
                {
                    table[field] = (FieldStatus.Allowed, CheckOf(field));
                }

                statuses[(type * 2) + jsonata] = table.ToFrozenDictionary(StringComparer.Ordinal);
            }
        }

        return statuses;
    }

    private static FrozenSet<string>[] Build(
        string[] task, string[] pass, string[] choice, string[] wait, string[] succeed, string[] fail, string[] parallel, string[] map)
    {
        var sets = new FrozenSet<string>[8];
        sets[(int)StateType.Task] = task.ToFrozenSet(StringComparer.Ordinal);
        sets[(int)StateType.Pass] = pass.ToFrozenSet(StringComparer.Ordinal);
        sets[(int)StateType.Choice] = choice.ToFrozenSet(StringComparer.Ordinal);
        sets[(int)StateType.Wait] = wait.ToFrozenSet(StringComparer.Ordinal);
        sets[(int)StateType.Succeed] = succeed.ToFrozenSet(StringComparer.Ordinal);
        sets[(int)StateType.Fail] = fail.ToFrozenSet(StringComparer.Ordinal);
        sets[(int)StateType.Parallel] = parallel.ToFrozenSet(StringComparer.Ordinal);
        sets[(int)StateType.Map] = map.ToFrozenSet(StringComparer.Ordinal);
        return sets;
    }
}
