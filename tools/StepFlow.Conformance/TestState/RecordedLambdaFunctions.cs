using StepFlow.Json;
using StepFlow.Tasks;

namespace StepFlow.Conformance.TestState;

/// <summary>
/// C# equivalents of the Lambda handlers the recorded TestState cases invoked (<c>environment.lambdaFunctions</c>),
/// chosen by what the handler's Python source does, not by case name.
/// </summary>
public static class RecordedLambdaFunctions
{
    /// <summary>The handler that behaves as <paramref name="handlerSource"/> does, or null when none is known.</summary>
    public static Func<TaskInvocation, JsonValue>? For(string handlerSource)
    {
        ArgumentNullException.ThrowIfNull(handlerSource);
        var body = string.Join(
            ' ',
            handlerSource.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith("def handler", StringComparison.Ordinal) && !l.StartsWith('#')));
        return body switch
        {
            // def handler(event, context): return event — the identity function. Lambda receives an absent or
            // null payload as {}.
            "return event" => invocation => invocation.Input is JsonNull ? JsonObject.Empty : invocation.Input,
            _ => null,
        };
    }
}
