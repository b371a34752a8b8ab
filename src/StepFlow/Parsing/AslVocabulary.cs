using StepFlow.Definition;
namespace StepFlow.Parsing;

/// <summary>
/// The words of ASL: field names, state types, comparison operators and the common error names and values. A definition
/// is parsed with these very string instances (the literals the validator and builder look fields up with), so those
/// lookups and <c>switch</c>es match on reference instead of comparing characters, and the words are never allocated.
/// Field names come from <see cref="AslFields"/>, their one home.
/// </summary>
internal static class AslVocabulary
{
    /// <summary>Every word, once.</summary>
    public static IReadOnlyList<string> Words { get; } =
    [
        // Top level and every state.
        AslFields.Comment, AslFields.StartAt, AslFields.States, AslFields.Version, AslFields.TimeoutSeconds, AslFields.QueryLanguage, "JSONPath", "JSONata",
        AslFields.Type, AslFields.Next, AslFields.End, AslFields.InputPath, AslFields.OutputPath, AslFields.Parameters, AslFields.ResultSelector, AslFields.ResultPath, AslFields.Result,
        AslFields.Arguments, AslFields.Output, AslFields.Assign, AslFields.Items,

        // State types.
        "Task", "Pass", "Choice", "Wait", "Succeed", "Fail", "Parallel", "Map",

        // Task.
        AslFields.Resource, AslFields.HeartbeatSeconds, AslFields.TimeoutSecondsPath, AslFields.HeartbeatSecondsPath, AslFields.Credentials, AslFields.RoleArn, "RoleArn.$",
        AslFields.Retry, AslFields.Catch, AslFields.ErrorEquals, AslFields.IntervalSeconds, AslFields.MaxAttempts, AslFields.BackoffRate, AslFields.MaxDelaySeconds, AslFields.JitterStrategy,
        "FULL", "NONE", "States.ALL", "States.TaskFailed", "States.Timeout", "States.HeartbeatTimeout", "States.Runtime",
        "FunctionName", "Payload", "Payload.$", "FunctionName.$",

        // Choice.
        AslFields.Choices, AslFields.Default, AslFields.Variable, AslFields.And, AslFields.Or, AslFields.Not, AslFields.Condition,
        AslFields.StringEquals, AslFields.StringLessThan, AslFields.StringGreaterThan, AslFields.StringLessThanEquals, AslFields.StringGreaterThanEquals, AslFields.StringMatches,
        AslFields.StringEqualsPath, AslFields.StringLessThanPath, AslFields.StringGreaterThanPath, AslFields.StringLessThanEqualsPath, AslFields.StringGreaterThanEqualsPath,
        AslFields.NumericEquals, AslFields.NumericLessThan, AslFields.NumericGreaterThan, AslFields.NumericLessThanEquals, AslFields.NumericGreaterThanEquals,
        AslFields.NumericEqualsPath, AslFields.NumericLessThanPath, AslFields.NumericGreaterThanPath, AslFields.NumericLessThanEqualsPath, AslFields.NumericGreaterThanEqualsPath,
        AslFields.BooleanEquals, AslFields.BooleanEqualsPath,
        AslFields.TimestampEquals, AslFields.TimestampLessThan, AslFields.TimestampGreaterThan, AslFields.TimestampLessThanEquals, AslFields.TimestampGreaterThanEquals,
        AslFields.TimestampEqualsPath, AslFields.TimestampLessThanPath, AslFields.TimestampGreaterThanPath, AslFields.TimestampLessThanEqualsPath, AslFields.TimestampGreaterThanEqualsPath,
        AslFields.IsNull, AslFields.IsPresent, AslFields.IsNumeric, AslFields.IsString, AslFields.IsBoolean, AslFields.IsTimestamp,

        // Wait, Fail, Parallel.
        AslFields.Seconds, AslFields.SecondsPath, AslFields.Timestamp, AslFields.TimestampPath, AslFields.Error, AslFields.Cause, AslFields.ErrorPath, AslFields.CausePath, AslFields.Branches,

        // Map.
        AslFields.ItemProcessor, AslFields.Iterator, AslFields.ItemsPath, AslFields.ItemSelector, AslFields.ItemReader, AslFields.ItemBatcher, AslFields.ResultWriter, AslFields.MaxConcurrency,
        AslFields.MaxConcurrencyPath, AslFields.ToleratedFailurePercentage, AslFields.ToleratedFailureCount, AslFields.ToleratedFailurePercentagePath,
        AslFields.ToleratedFailureCountPath, AslFields.Label, AslFields.ProcessorConfig, AslFields.Mode, AslFields.ExecutionType, "INLINE", "DISTRIBUTED", "STANDARD",
        "EXPRESS", AslFields.ReaderConfig,

        // Paths seen everywhere.
        "$", "$$",
    ];
}
