using StepFlow.Tasks;

namespace StepFlow.Testing;

/// <summary>
/// The task mocker of a <see cref="StateMachineTest"/> run: mocks by state name first, then by resource, then the mock
/// config test case, else not mocked (the real handler runs). Built once per run from copies, so it is immutable.
/// </summary>
internal sealed class TestMocker(
    IReadOnlyDictionary<string, TaskMockAnswer[]> byState,
    IReadOnlyDictionary<string, TaskMockAnswer[]> byResource,
    ITaskMocker? testCase) : ITaskMocker
{
    public TaskMockAnswer Answer(TaskMockRequest request)
    {
        if (byState.TryGetValue(request.StateName, out var answers) || byResource.TryGetValue(request.Resource, out answers))
        {
            return answers.Length == 0 ? TaskMockAnswer.NotMocked : answers[Math.Min(request.Attempt, answers.Length - 1)];
        }

        return testCase?.Answer(request) ?? TaskMockAnswer.NotMocked;
    }
}
