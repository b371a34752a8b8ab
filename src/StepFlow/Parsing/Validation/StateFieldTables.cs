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
        task: [AslFields.Type, AslFields.Comment, AslFields.QueryLanguage, AslFields.Resource, AslFields.TimeoutSeconds, AslFields.HeartbeatSeconds, AslFields.Credentials, AslFields.Retry, AslFields.Catch, AslFields.Next, AslFields.End, AslFields.Assign],
        pass: [AslFields.Type, AslFields.Comment, AslFields.QueryLanguage, AslFields.Next, AslFields.End, AslFields.Assign],
        choice: [AslFields.Type, AslFields.Comment, AslFields.QueryLanguage, AslFields.Choices, AslFields.Default, AslFields.Assign],
        wait: [AslFields.Type, AslFields.Comment, AslFields.QueryLanguage, AslFields.Seconds, AslFields.Timestamp, AslFields.Next, AslFields.End, AslFields.Assign],
        succeed: [AslFields.Type, AslFields.Comment, AslFields.QueryLanguage],
        fail: [AslFields.Type, AslFields.Comment, AslFields.QueryLanguage, AslFields.Error, AslFields.Cause],
        parallel: [AslFields.Type, AslFields.Comment, AslFields.QueryLanguage, AslFields.Branches, AslFields.Retry, AslFields.Catch, AslFields.Next, AslFields.End, AslFields.Assign],
        map: [AslFields.Type, AslFields.Comment, AslFields.QueryLanguage, AslFields.ItemProcessor, AslFields.Iterator, AslFields.ItemReader, AslFields.ItemSelector, AslFields.ItemBatcher, AslFields.ResultWriter,
            AslFields.MaxConcurrency, AslFields.ToleratedFailurePercentage, AslFields.ToleratedFailureCount, AslFields.Label, AslFields.Retry, AslFields.Catch, AslFields.Next, AslFields.End, AslFields.Assign]);

    private static readonly FrozenSet<string>[] JsonPathOnly = Build(
        task: [AslFields.InputPath, AslFields.OutputPath, AslFields.Parameters, AslFields.ResultSelector, AslFields.ResultPath, AslFields.TimeoutSecondsPath, AslFields.HeartbeatSecondsPath],
        pass: [AslFields.InputPath, AslFields.OutputPath, AslFields.Parameters, AslFields.ResultPath, AslFields.Result],
        choice: [AslFields.InputPath, AslFields.OutputPath],
        wait: [AslFields.InputPath, AslFields.OutputPath, AslFields.SecondsPath, AslFields.TimestampPath],
        succeed: [AslFields.InputPath, AslFields.OutputPath],
        fail: [AslFields.ErrorPath, AslFields.CausePath],
        parallel: [AslFields.InputPath, AslFields.OutputPath, AslFields.Parameters, AslFields.ResultSelector, AslFields.ResultPath],
        map: [AslFields.InputPath, AslFields.OutputPath, AslFields.Parameters, AslFields.ResultSelector, AslFields.ResultPath, AslFields.ItemsPath, AslFields.MaxConcurrencyPath,
            AslFields.ToleratedFailurePercentagePath, AslFields.ToleratedFailureCountPath]);

    private static readonly FrozenSet<string>[] JsonataOnly = Build(
        task: [AslFields.Arguments, AslFields.Output],
        pass: [AslFields.Output],
        choice: [AslFields.Output],
        wait: [AslFields.Output],
        succeed: [AslFields.Output],
        fail: [],
        parallel: [AslFields.Arguments, AslFields.Output],
        map: [AslFields.Items, AslFields.Output]);

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
        AslFields.Comment => FieldCheck.Comment,
        AslFields.InputPath or AslFields.OutputPath or AslFields.ResultPath => FieldCheck.Path,
        AslFields.Parameters or AslFields.ResultSelector => FieldCheck.Template,
        AslFields.Arguments => FieldCheck.Arguments,
        AslFields.Assign => FieldCheck.Assign,
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
