using StepFlow.Definition.States;
using StepFlow.Execution;
using StepFlow.Json;
using StepFlow.Variables;

using StepFlow.Tasks;

namespace StepFlow.Service.TestState;

/// <summary>
/// Answers a TestState request as AWS Step Functions does: checks the request in AWS's order (the request's own
/// fields, the definition, the state under test against the mock, the context object, the mock), then runs the state
/// once (<see cref="TestStateRun"/>). A refused request is an <see cref="ExecutionApiException"/> with AWS's code.
/// </summary>
internal static class TestStateEvaluator
{
    public static async Task<TestStateResponse> EvaluateAsync(EngineRuntime runtime, TestStateRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        cancellationToken.ThrowIfCancellationRequested();
        var mock = request.Mock;
        var configuration = request.StateConfiguration ?? new TestStateConfiguration();
        CheckRequest(request, mock, configuration);

        var input = ParseField(request.Input ?? "{}", "input");
        var variables = request.Variables is null ? VariableScope.Empty : Variables(ParseField(request.Variables, "variables"));
        var context = request.Context is null ? null : ParseField(request.Context, "context");
        var definition = TestStateDefinition.Load(request.Definition, request.StateName);
        var state = definition.State;
        if (mock is not null && state is not (TaskState or MapState or ParallelState))
        {
            throw TestStateErrors.Validation(TestStateErrors.StateTypeTakesNoMock(state.Type.ToString()));
        }

        if (mock is null && state is MapState or ParallelState)
        {
            throw TestStateErrors.InvalidDefinition(TestStateErrors.MapOrParallelWithoutMock);
        }

        var contextObject = context is null
            ? TestStateContextObject.Generated(input, state, request.RoleArn, configuration.RetrierRetryCount ?? 0, runtime.Options, runtime.TimeProvider.GetUtcNow())
            : TestStateContextObject.FromRequest(context, state);
        var outcome = mock is null ? null : TestStateMocks.Check(mock, definition, configuration);
        var run = new TestStateRun(runtime, definition, input, contextObject, variables, outcome, configuration, request.RoleArn);
        var inspect = request.InspectionLevel is TestStateInspectionLevel.Debug or TestStateInspectionLevel.Trace;
        var http = request.InspectionLevel is TestStateInspectionLevel.Trace ? new HttpExchangeRecorder(request.RevealSecrets) : null;
        return await run.RunAsync(inspect, http, cancellationToken).ConfigureAwait(false);
    }

    private static void CheckRequest(TestStateRequest request, TestStateMock? mock, TestStateConfiguration configuration)
    {
        if (request.Definition is null)
        {
            throw TestStateErrors.Validation("1 validation error detected: Value null at 'definition' failed to satisfy constraint: Member must not be null");
        }

        if (mock is not null && (mock.Result is null) == (mock.ErrorOutput is null))
        {
            throw TestStateErrors.Validation(TestStateErrors.MockHasBothFields);
        }

        if (mock is not null && request.RevealSecrets)
        {
            throw TestStateErrors.Validation(TestStateErrors.RevealSecretsWithMock);
        }

        if (mock is null && configuration.MapIterationFailureCount is not null)
        {
            throw TestStateErrors.Validation(TestStateErrors.FailureCountWithoutMock);
        }

        NotNegative(configuration.RetrierRetryCount, "stateConfiguration.retrierRetryCount");
        NotNegative(configuration.MapIterationFailureCount, "stateConfiguration.mapIterationFailureCount");
        if (request.StateName is { Length: 0 or > 80 } name)
        {
            throw TestStateErrors.Validation(
                $"1 validation error detected: Value '{name}' at 'stateName' failed to satisfy constraint: Member must have length between 1 and 80");
        }
    }

    private static void NotNegative(int? value, string field)
    {
        if (value is < 0)
        {
            throw TestStateErrors.Validation(
                $"1 validation error detected: Value '{value}' at '{field}' failed to satisfy constraint: Member must have value greater than or equal to 0");
        }
    }

    /// <summary>Parses a request field that holds JSON text; a broken text names the field and the place.</summary>
    internal static JsonValue ParseField(string text, string field)
    {
        try
        {
            return JsonValue.Parse(text);
        }
        catch (JsonParseException e)
        {
            throw TestStateErrors.NotJson(field, e.Message);
        }
    }

    private static VariableScope Variables(JsonValue value)
    {
        if (value is not JsonObject variables)
        {
            throw TestStateErrors.Validation($"Invalid 'variables': the value must be a JSON object, but it is {value.KindName}.");
        }

        return variables.Count == 0 ? VariableScope.Empty : VariableScope.Empty.CreateChild().Assign(variables.Members.ToArray());
    }
}
