using StepFlow.Definition.States;
using StepFlow.Json;

namespace StepFlow.Service.TestState;

/// <summary>Checks a mock against the state under test, as AWS does before it runs the state.</summary>
internal static class TestStateMocks
{
    public static TestStateMockOutcome Check(TestStateMock mock, TestStateDefinition definition, TestStateConfiguration configuration)
    {
        if (mock.ErrorOutput is { } error)
        {
            return new TestStateMockOutcome(null, error.Error ?? string.Empty, error.Cause);
        }

        JsonValue result;
        try
        {
            result = JsonValue.Parse(mock.Result!);
        }
        catch (JsonParseException)
        {
            throw TestStateErrors.Validation(TestStateErrors.MockResultNotJson);
        }

        switch (definition.State)
        {
            case MapState:
                CheckMapResult(result, definition, configuration);
                break;
            case ParallelState parallel:
                if (result is not JsonArray branches)
                {
                    throw TestStateErrors.Validation(TestStateErrors.MockResultNotArray);
                }

                if (branches.Count != parallel.Branches.Length)
                {
                    throw TestStateErrors.Validation(TestStateErrors.MockResultBranchCount);
                }

                break;
            case TaskState task:
                MockResultValidator.Validate(task.Resource, result, mock.FieldValidationMode ?? TestStateFieldValidationMode.Strict);
                break;
        }

        return new TestStateMockOutcome(result, null, null);
    }

    /// <summary>A Map's mocked result is its result array, or (with a ResultWriter) the writer's result object.</summary>
    private static void CheckMapResult(JsonValue result, TestStateDefinition definition, TestStateConfiguration configuration)
    {
        if (definition.StateSource.ContainsKey("ResultWriter"))
        {
            if (result is not JsonObject)
            {
                throw TestStateErrors.Validation(TestStateErrors.MockResultNotObject);
            }

            return;
        }

        if (result is not JsonArray items)
        {
            throw TestStateErrors.Validation(TestStateErrors.MockResultNotArray);
        }

        if (configuration.MapIterationFailureCount is { } failures && failures > items.Count)
        {
            throw TestStateErrors.Validation(TestStateErrors.FailureCountAboveIterations);
        }
    }
}
