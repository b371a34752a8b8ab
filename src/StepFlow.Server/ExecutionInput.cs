using StepFlow.Json;
using StepFlow.Service;

namespace StepFlow.Server;

/// <summary>The <c>input</c> member of a start call: JSON text, parsed with the engine's limits.</summary>
internal static class ExecutionInput
{
    public static JsonValue? Parse(string? input)
    {
        if (input is null)
        {
            return null;
        }

        try
        {
            return JsonValue.Parse(input);
        }
        catch (Exception e) when (e is JsonParseException or JsonNestingException)
        {
            throw new ApiError(ExecutionApiErrorCodes.InvalidExecutionInput, $"Invalid State Machine Execution Input: '{e.Message}'");
        }
    }
}
