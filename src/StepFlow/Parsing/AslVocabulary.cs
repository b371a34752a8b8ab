namespace StepFlow.Parsing;

/// <summary>
/// The words of ASL: field names, state types, comparison operators and the common error names and values. A definition
/// is parsed with these very string instances (the literals the validator and builder look fields up with), so those
/// lookups and <c>switch</c>es match on reference instead of comparing characters, and the words are never allocated.
/// </summary>
internal static class AslVocabulary
{
    /// <summary>Every word, once.</summary>
    public static IReadOnlyList<string> Words { get; } =
    [
        // Top level and every state.
        "Comment", "StartAt", "States", "Version", "TimeoutSeconds", "QueryLanguage", "JSONPath", "JSONata",
        "Type", "Next", "End", "InputPath", "OutputPath", "Parameters", "ResultSelector", "ResultPath", "Result",
        "Arguments", "Output", "Assign", "Items",

        // State types.
        "Task", "Pass", "Choice", "Wait", "Succeed", "Fail", "Parallel", "Map",

        // Task.
        "Resource", "HeartbeatSeconds", "TimeoutSecondsPath", "HeartbeatSecondsPath", "Credentials", "RoleArn", "RoleArn.$",
        "Retry", "Catch", "ErrorEquals", "IntervalSeconds", "MaxAttempts", "BackoffRate", "MaxDelaySeconds", "JitterStrategy",
        "FULL", "NONE", "States.ALL", "States.TaskFailed", "States.Timeout", "States.HeartbeatTimeout", "States.Runtime",
        "FunctionName", "Payload", "Payload.$", "FunctionName.$",

        // Choice.
        "Choices", "Default", "Variable", "And", "Or", "Not", "Condition",
        "StringEquals", "StringLessThan", "StringGreaterThan", "StringLessThanEquals", "StringGreaterThanEquals", "StringMatches",
        "StringEqualsPath", "StringLessThanPath", "StringGreaterThanPath", "StringLessThanEqualsPath", "StringGreaterThanEqualsPath",
        "NumericEquals", "NumericLessThan", "NumericGreaterThan", "NumericLessThanEquals", "NumericGreaterThanEquals",
        "NumericEqualsPath", "NumericLessThanPath", "NumericGreaterThanPath", "NumericLessThanEqualsPath", "NumericGreaterThanEqualsPath",
        "BooleanEquals", "BooleanEqualsPath",
        "TimestampEquals", "TimestampLessThan", "TimestampGreaterThan", "TimestampLessThanEquals", "TimestampGreaterThanEquals",
        "TimestampEqualsPath", "TimestampLessThanPath", "TimestampGreaterThanPath", "TimestampLessThanEqualsPath", "TimestampGreaterThanEqualsPath",
        "IsNull", "IsPresent", "IsNumeric", "IsString", "IsBoolean", "IsTimestamp",

        // Wait, Fail, Parallel.
        "Seconds", "SecondsPath", "Timestamp", "TimestampPath", "Error", "Cause", "ErrorPath", "CausePath", "Branches",

        // Map.
        "ItemProcessor", "Iterator", "ItemsPath", "ItemSelector", "ItemReader", "ItemBatcher", "ResultWriter", "MaxConcurrency",
        "MaxConcurrencyPath", "ToleratedFailurePercentage", "ToleratedFailureCount", "ToleratedFailurePercentagePath",
        "ToleratedFailureCountPath", "Label", "ProcessorConfig", "Mode", "ExecutionType", "INLINE", "DISTRIBUTED", "STANDARD",
        "EXPRESS", "ReaderConfig",

        // Paths seen everywhere.
        "$", "$$",
    ];
}
