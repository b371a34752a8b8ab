using StepFlow.Errors;
using StepFlow.Json;

namespace StepFlow.Integrations.StepFunctions;

/// <summary>
/// The parameters of a <c>states:startExecution</c> Task: <c>StateMachineArn</c> (required), <c>Input</c> (a JSON value,
/// or a string holding JSON text; missing or null is <c>{}</c>) and <c>Name</c> (optional). <c>TraceHeader</c> is accepted
/// and ignored. Anything else fails the task with <c>States.TaskFailed</c> naming the state and the field.
/// </summary>
internal sealed record StartExecutionRequest(string StateMachineArn, JsonValue Input, string? Name)
{
    /// <summary>Whether StepFlow chose <see cref="Name"/> (a durable parent's child), not the definition.</summary>
    public bool NameIsDerived { get; init; }

    /// <summary>Reads the resolved Parameters (or JSONata Arguments) of the state <paramref name="stateName"/>.</summary>
    /// <exception cref="StatesErrorException">
    /// <c>States.TaskFailed</c> for a malformed request; <c>StepFunctions.InvalidExecutionInputException</c> for an
    /// <c>Input</c> string that is not JSON text (what StartExecution answers for it).
    /// </exception>
    public static StartExecutionRequest From(JsonValue parameters, string stateName)
    {
        if (parameters is not JsonObject fields)
        {
            throw Invalid(stateName, $"the parameters must be an object with 'StateMachineArn', not {Kind(parameters)}");
        }

        string? arn = null;
        string? name = null;
        JsonValue input = JsonObject.Empty;
        foreach (var (field, value) in fields)
        {
            switch (field)
            {
                case "StateMachineArn":
                    arn = value is JsonString s ? s.Value : throw Invalid(stateName, $"'StateMachineArn' must be a string, not {Kind(value)}");
                    break;
                case "Input":
                    input = ReadInput(value);
                    break;
                case "Name":
                    name = value switch
                    {
                        JsonString n => n.Value,
                        JsonNull => null,
                        _ => throw Invalid(stateName, $"'Name' must be a string, not {Kind(value)}"),
                    };
                    break;
                case "TraceHeader":
                    break;
                default:
                    throw Invalid(stateName, $"the field '{field}' is not a StartExecution parameter (StateMachineArn, Input, Name, TraceHeader)");
            }
        }

        return arn is null
            ? throw Invalid(stateName, "the required field 'StateMachineArn' is missing")
            : new StartExecutionRequest(arn, input, name);
    }

    private static JsonValue ReadInput(JsonValue value)
    {
        switch (value)
        {
            case JsonNull:
                return JsonObject.Empty;
            case JsonString text:
                try
                {
                    return JsonValue.Parse(text.Value);
                }
                catch (JsonParseException e)
                {
                    throw ServiceErrors.Create(
                        Service.ExecutionApiErrorCodes.InvalidExecutionInput,
                        $"Invalid State Machine Execution Input: '{e.Message}'");
                }

            default:
                return value;
        }
    }

    private static string Kind(JsonValue value) =>
        value.Kind is JsonKind.Array or JsonKind.Object ? $"an {value.KindName}" : $"a {value.KindName}";

    private static StatesErrorException Invalid(string stateName, string problem) =>
        new(StatesErrorNames.TaskFailed, $"The states:startExecution parameters of state '{stateName}' are invalid: {problem}.");
}
