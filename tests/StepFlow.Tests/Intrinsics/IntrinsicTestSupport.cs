using StepFlow.Errors;
using StepFlow.Intrinsics;
using StepFlow.Json;
using StepFlow.Paths;
using StepFlow.Variables;

namespace StepFlow.Tests.Intrinsics;

/// <summary>Parses and evaluates intrinsic calls for the tests.</summary>
internal static class IntrinsicTestSupport
{
    public static JsonValue ParseJson(string json) => JsonValue.Parse(json);

    public static JsonValue Eval(
        string call,
        string input = "{}",
        string context = "{}",
        VariableScope? variables = null,
        IntrinsicEnvironment? environment = null)
    {
        var scope = new PathScope(ParseJson(input), ParseJson(context), variables);
        return IntrinsicFunctionCall.Parse(call).Evaluate(in scope, environment ?? IntrinsicEnvironment.Default);
    }

    public static string EvalString(string call, string input = "{}") =>
        Eval(call, input).Should().BeOfType<JsonString>().Subject.Value;

    public static StatesErrorException EvalFailure(string call, string input = "{}")
    {
        var act = () => Eval(call, input);
        var error = act.Should().Throw<StatesErrorException>().Which;
        error.Error.Should().Be(StatesErrorNames.Runtime);
        error.Cause.Should().StartWith($"The function '{call}' had the following error: ");
        return error;
    }

    /// <summary>The detail after AWS's "The function '...' had the following error: " prefix.</summary>
    public static string EvalFailureDetail(string call, string input = "{}")
    {
        var cause = EvalFailure(call, input).Cause!;
        return cause[$"The function '{call}' had the following error: ".Length..];
    }

    public static string ParseError(string call)
    {
        IntrinsicFunctionCall.TryParse(call, out var parsed, out var error).Should().BeFalse();
        parsed.Should().BeNull();
        return error!;
    }
}
