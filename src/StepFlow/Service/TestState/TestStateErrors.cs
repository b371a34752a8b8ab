namespace StepFlow.Service.TestState;

/// <summary>The client errors TestState raises, with AWS's codes and (where AWS's wording is known) its messages.</summary>
internal static class TestStateErrors
{
    public static ExecutionApiException Validation(string message) => new(ExecutionApiErrorCodes.ValidationException, message);

    public static ExecutionApiException InvalidDefinition(string message) => new(ExecutionApiErrorCodes.InvalidDefinition, message);

    /// <summary>A request field that must be JSON text is not; names the field and the place the text breaks.</summary>
    public static ExecutionApiException NotJson(string field, string detail) =>
        Validation($"Invalid '{field}': the value is not valid JSON ({detail}).");

    public const string MockHasBothFields = "A test mock should have only one of the following fields: [result, errorOutput].";

    public const string RevealSecretsWithMock = "TestState does not support RevealSecrets when a mock is specified.";

    public const string FailureCountWithoutMock = "TestState does not support MapIterationFailureCount when a mock is not specified.";

    public const string StateNotFound = "State not found in definition";

    public const string MapOrParallelWithoutMock =
        "TestState API does not support Map or Parallel states. Supported state types include: [Task, Wait, Pass, Succeed, Fail, Choice]";

    public const string MockResultNotJson = "Mocked result must be valid JSON";

    public const string MockResultNotArray = "Mocked result must be an array.";

    public const string MockResultNotObject = "Mocked result must be a JSON object.";

    public const string MockResultBranchCount = "Mocked result must contain the same number of items as number of Parallel branches.";

    public const string FailureCountAboveIterations = "Map iteration failure count must be less than or equal to the number of Map iterations";

    /// <summary>How long AWS lets a tested state run.</summary>
    public static readonly TimeSpan RunLimit = TimeSpan.FromMinutes(5);

    /// <summary>AWS's documented rule: activities, .sync and .waitForTaskToken are tested only with a mock.</summary>
    public static string PatternNeedsMock(string state, string resource) =>
        $"TestState only supports Activity tasks, .sync or .waitForTaskToken service integration patterns, Parallel, or Map states when a mock is specified (state '{state}', resource '{resource}').";

    public static string StateTypeTakesNoMock(string type) => $"State type '{type}' is not supported when a mock is specified";

    public static string InvalidContext(string detail) => $"Invalid Context object provided: {detail}";

    public static string MockSchema(string detail) => $"Mock result schema validation error: {detail}";
}
