namespace StepFlow.Definition;

/// <summary>
/// The field names of the Amazon States Language, in one place: the validator, the builder and the executor's error
/// reports name a field only through these constants. They are compile-time constants, so each is the one interned
/// instance of its text, the very string a definition is parsed into (<c>Parsing.AslVocabulary</c>), and lookups with
/// it match on reference.
/// </summary>
internal static class AslFields
{
    // The top level of a machine or branch, and every state.
    public const string Comment = "Comment";
    public const string StartAt = "StartAt";
    public const string States = "States";
    public const string Version = "Version";
    public const string TimeoutSeconds = "TimeoutSeconds";
    public const string QueryLanguage = "QueryLanguage";
    public const string Type = "Type";
    public const string Next = "Next";
    public const string End = "End";
    public const string InputPath = "InputPath";
    public const string OutputPath = "OutputPath";
    public const string Parameters = "Parameters";
    public const string ResultSelector = "ResultSelector";
    public const string ResultPath = "ResultPath";
    public const string Result = "Result";
    public const string Arguments = "Arguments";
    public const string Output = "Output";
    public const string Assign = "Assign";

    // Task states, their retriers and catchers.
    public const string Resource = "Resource";
    public const string HeartbeatSeconds = "HeartbeatSeconds";
    public const string TimeoutSecondsPath = "TimeoutSecondsPath";
    public const string HeartbeatSecondsPath = "HeartbeatSecondsPath";
    public const string Credentials = "Credentials";
    public const string RoleArn = "RoleArn";
    public const string Retry = "Retry";
    public const string Catch = "Catch";
    public const string ErrorEquals = "ErrorEquals";
    public const string IntervalSeconds = "IntervalSeconds";
    public const string MaxAttempts = "MaxAttempts";
    public const string BackoffRate = "BackoffRate";
    public const string MaxDelaySeconds = "MaxDelaySeconds";
    public const string JitterStrategy = "JitterStrategy";

    // Choice states and their rules.
    public const string Choices = "Choices";
    public const string Default = "Default";
    public const string Variable = "Variable";
    public const string And = "And";
    public const string Or = "Or";
    public const string Not = "Not";
    public const string Condition = "Condition";

    // The comparison operators of a JSONPath Choice rule.
    public const string StringEquals = "StringEquals";
    public const string StringEqualsPath = "StringEqualsPath";
    public const string StringLessThan = "StringLessThan";
    public const string StringLessThanPath = "StringLessThanPath";
    public const string StringGreaterThan = "StringGreaterThan";
    public const string StringGreaterThanPath = "StringGreaterThanPath";
    public const string StringLessThanEquals = "StringLessThanEquals";
    public const string StringLessThanEqualsPath = "StringLessThanEqualsPath";
    public const string StringGreaterThanEquals = "StringGreaterThanEquals";
    public const string StringGreaterThanEqualsPath = "StringGreaterThanEqualsPath";
    public const string NumericEquals = "NumericEquals";
    public const string NumericEqualsPath = "NumericEqualsPath";
    public const string NumericLessThan = "NumericLessThan";
    public const string NumericLessThanPath = "NumericLessThanPath";
    public const string NumericGreaterThan = "NumericGreaterThan";
    public const string NumericGreaterThanPath = "NumericGreaterThanPath";
    public const string NumericLessThanEquals = "NumericLessThanEquals";
    public const string NumericLessThanEqualsPath = "NumericLessThanEqualsPath";
    public const string NumericGreaterThanEquals = "NumericGreaterThanEquals";
    public const string NumericGreaterThanEqualsPath = "NumericGreaterThanEqualsPath";
    public const string TimestampEquals = "TimestampEquals";
    public const string TimestampEqualsPath = "TimestampEqualsPath";
    public const string TimestampLessThan = "TimestampLessThan";
    public const string TimestampLessThanPath = "TimestampLessThanPath";
    public const string TimestampGreaterThan = "TimestampGreaterThan";
    public const string TimestampGreaterThanPath = "TimestampGreaterThanPath";
    public const string TimestampLessThanEquals = "TimestampLessThanEquals";
    public const string TimestampLessThanEqualsPath = "TimestampLessThanEqualsPath";
    public const string TimestampGreaterThanEquals = "TimestampGreaterThanEquals";
    public const string TimestampGreaterThanEqualsPath = "TimestampGreaterThanEqualsPath";
    public const string StringMatches = "StringMatches";
    public const string BooleanEquals = "BooleanEquals";
    public const string BooleanEqualsPath = "BooleanEqualsPath";
    public const string IsNull = "IsNull";
    public const string IsPresent = "IsPresent";
    public const string IsNumeric = "IsNumeric";
    public const string IsString = "IsString";
    public const string IsBoolean = "IsBoolean";
    public const string IsTimestamp = "IsTimestamp";

    // Wait, Fail and Parallel states.
    public const string Seconds = "Seconds";
    public const string SecondsPath = "SecondsPath";
    public const string Timestamp = "Timestamp";
    public const string TimestampPath = "TimestampPath";
    public const string Error = "Error";
    public const string Cause = "Cause";
    public const string ErrorPath = "ErrorPath";
    public const string CausePath = "CausePath";
    public const string Branches = "Branches";

    // Map states.
    public const string Items = "Items";
    public const string ItemProcessor = "ItemProcessor";
    public const string Iterator = "Iterator";
    public const string ItemsPath = "ItemsPath";
    public const string ItemSelector = "ItemSelector";
    public const string ItemReader = "ItemReader";
    public const string ItemBatcher = "ItemBatcher";
    public const string ResultWriter = "ResultWriter";
    public const string MaxConcurrency = "MaxConcurrency";
    public const string MaxConcurrencyPath = "MaxConcurrencyPath";
    public const string ToleratedFailurePercentage = "ToleratedFailurePercentage";
    public const string ToleratedFailurePercentagePath = "ToleratedFailurePercentagePath";
    public const string ToleratedFailureCount = "ToleratedFailureCount";
    public const string ToleratedFailureCountPath = "ToleratedFailureCountPath";
    public const string Label = "Label";
    public const string ProcessorConfig = "ProcessorConfig";
    public const string Mode = "Mode";
    public const string ExecutionType = "ExecutionType";
    public const string ReaderConfig = "ReaderConfig";
    public const string WriterConfig = "WriterConfig";
    public const string MaxItems = "MaxItems";
    public const string MaxItemsPath = "MaxItemsPath";
    public const string BatchInput = "BatchInput";
    public const string MaxItemsPerBatch = "MaxItemsPerBatch";
    public const string MaxItemsPerBatchPath = "MaxItemsPerBatchPath";
    public const string MaxInputBytesPerBatch = "MaxInputBytesPerBatch";
    public const string MaxInputBytesPerBatchPath = "MaxInputBytesPerBatchPath";
    public const string CSVHeaders = "CSVHeaders";
    public const string CSVHeaderLocation = "CSVHeaderLocation";
    public const string CSVDelimiter = "CSVDelimiter";
    public const string InputType = "InputType";
    public const string ManifestType = "ManifestType";
    public const string Transformation = "Transformation";
    public const string OutputType = "OutputType";
    public const string ItemsPointer = "ItemsPointer";

    // The arguments of an HTTP Task (arn:aws:states:::http:invoke).
    public const string ApiEndpoint = "ApiEndpoint";
    public const string Method = "Method";
    public const string Authentication = "Authentication";
    public const string ConnectionArn = "ConnectionArn";
    public const string InvocationConfig = "InvocationConfig";
    public const string RequestBodyEncoding = "RequestBodyEncoding";
    public const string RequestEncodingOptions = "RequestEncodingOptions";
    public const string ArrayFormat = "ArrayFormat";
    public const string Transform = "Transform";
    public const string Headers = "Headers";
    public const string QueryParameters = "QueryParameters";
    public const string RequestBody = "RequestBody";
}
