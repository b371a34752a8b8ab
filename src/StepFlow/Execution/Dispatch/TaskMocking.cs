using StepFlow.Errors;
using StepFlow.Json;
using StepFlow.Tasks;

namespace StepFlow.Execution.Dispatch;

/// <summary>
/// Asks the engine's <see cref="ITaskMocker"/> for a Task's answer before any handler is looked up: the dispatcher for
/// request-response and <c>.sync</c> tasks, the pattern runner for <c>.waitForTaskToken</c> ones (whose mocked answer
/// stands for the callback). Each call counts one invocation of the state.
/// </summary>
internal static class TaskMocking
{
    /// <summary>
    /// True when the mocker answered with a result (<paramref name="result"/>); a mocked error is thrown as a
    /// <see cref="StatesErrorException"/>. False when the task is not mocked and its handler should run.
    /// </summary>
    public static bool TryAnswer(RunContext run, ITaskMocker mocker, TaskInvocation invocation, out JsonValue result)
    {
        var attempt = run.MockedInvocations.Next(invocation.StateName);
        TaskMockAnswer? answer;
        try
        {
            answer = mocker.Answer(new TaskMockRequest(invocation, attempt, run.Options.StateMachineName));
        }
        catch (Exception e) when (e is not StatesErrorException)
        {
            throw new StatesErrorException(
                StatesErrorNames.TaskFailed,
                $"The task mocker threw {e.GetType().Name} for state '{invocation.StateName}': {e.Message}",
                e);
        }

        switch (answer?.Kind)
        {
            case TaskMockAnswerKind.Return:
                result = answer.Result!;
                return true;
            case TaskMockAnswerKind.Throw:
                throw new StatesErrorException(answer.Error!, answer.Cause);
            case TaskMockAnswerKind.NotMocked:
                result = JsonValue.Null;
                return false;
            default:
                throw new StatesErrorException(
                    StatesErrorNames.TaskFailed,
                    $"The task mocker returned null for state '{invocation.StateName}' (TaskMockAnswer.NotMocked calls the handler).");
        }
    }
}
