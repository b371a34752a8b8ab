using StepFlow.Tasks;

namespace StepFlow.Testing;

/// <summary>
/// The task mocker of a <see cref="StateMachineTest"/> run: mocks by state name first, then by resource, then the mock
/// config test case, else not mocked (the real handler runs). It is asked about every Task invocation, so it also counts
/// each state's retries exactly (invocations with a retry count above 0), however its visits interleave. Made per run.
/// </summary>
internal sealed class TestMocker(
    IReadOnlyDictionary<string, TaskMockAnswer[]> byState,
    IReadOnlyDictionary<string, TaskMockAnswer[]> byResource,
    ITaskMocker? testCase) : ITaskMocker
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, int> _retries = new(StringComparer.Ordinal);

    /// <summary>State name → the number of its invocations that were retries.</summary>
    public IReadOnlyDictionary<string, int> Retries => _retries;

    public TaskMockAnswer Answer(TaskMockRequest request)
    {
        if (request.Invocation.RetryCount > 0)
        {
            _retries.AddOrUpdate(request.StateName, 1, static (_, n) => n + 1);
        }

        if (byState.TryGetValue(request.StateName, out var answers) || byResource.TryGetValue(request.Resource, out answers))
        {
            return answers.Length == 0 ? TaskMockAnswer.NotMocked : answers[Math.Min(request.Attempt, answers.Length - 1)];
        }

        return testCase?.Answer(request) ?? TaskMockAnswer.NotMocked;
    }
}
