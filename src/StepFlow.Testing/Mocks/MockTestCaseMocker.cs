using StepFlow.Errors;
using StepFlow.Tasks;

namespace StepFlow.Testing.Mocks;

/// <summary>
/// Runs a mock config test case through the engine's task mocker seam (<see cref="StepFlowEngineBuilder.UseTaskMocker"/>),
/// as Step Functions Local does: a state the test case names answers its mocked response for the attempt (the state's
/// 0-based invocation number in the execution); a state it does not name calls its real handler; an attempt with no
/// entry fails the execution with <c>States.Runtime</c>. Only executions of the test case's state machine
/// (<see cref="Execution.ExecutionOptions.StateMachineName"/>) are mocked, so nested executions of other machines run as
/// they are. Immutable and thread-safe.
/// </summary>
public sealed class MockTestCaseMocker : ITaskMocker
{
    /// <summary>Mocks the executions of <paramref name="testCase"/>'s state machine with it.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="testCase"/> is null.</exception>
    public MockTestCaseMocker(MockTestCase testCase)
    {
        ArgumentNullException.ThrowIfNull(testCase);
        TestCase = testCase;
    }

    /// <summary>The test case.</summary>
    public MockTestCase TestCase { get; }

    /// <inheritdoc />
    public TaskMockAnswer Answer(TaskMockRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!string.Equals(request.StateMachineName, TestCase.StateMachineName, StringComparison.Ordinal))
        {
            return TaskMockAnswer.NotMocked;
        }

        var resolution = TestCase.Resolve(request.StateName, request.Attempt);
        return resolution.Kind switch
        {
            MockResolutionKind.Mocked => resolution.Response switch
            {
                MockReturn r => TaskMockAnswer.Return(r.Value),
                MockThrow t => TaskMockAnswer.Throw(t.Error, t.Cause),
                _ => throw new InvalidOperationException("Unknown mocked response."),
            },
            MockResolutionKind.NoEntryForAttempt => TaskMockAnswer.Throw(StatesErrorNames.Runtime, resolution.Cause),
            _ => TaskMockAnswer.NotMocked,
        };
    }
}
