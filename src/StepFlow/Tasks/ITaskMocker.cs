namespace StepFlow.Tasks;

/// <summary>
/// Decides a Task's answer in a test before any handler or built-in integration is looked up: a mocked result, a mocked
/// error, or "not mocked" (the registered handler runs, as in a hybrid run of Step Functions Local). Register one with
/// <see cref="StepFlowEngineBuilder.UseTaskMocker(ITaskMocker)"/>; StepFlow.Testing's mock config runs and fluent API
/// are built on it.
/// </summary>
/// <remarks>
/// <para>
/// The engine asks the mocker once per Task invocation (every retry attempt included), whatever the pattern. A mocked
/// <c>.sync</c> Task returns the mocked result without starting a job; a mocked activity Task is answered without a
/// worker; a mocked <c>.waitForTaskToken</c> Task answers its own token with the mocked
/// result or error, as if the callback came straight back (Step Functions Local generates the token and returns the
/// mock).
/// </para>
/// <para>
/// <see cref="TaskMockRequest.Attempt"/> counts the invocations of the state in the execution, as Step Functions Local
/// does: the first is 0, each later one (a retry, a later visit in a loop, another Map iteration) the next. A mocked
/// error is an ASL error like a handler's: Retry and Catch match it by name (<c>States.Runtime</c> is never retried or
/// caught, and fails the execution). The mocker may be called from several threads at once (Parallel branches, Map
/// iterations); an exception it throws fails the task with <c>States.TaskFailed</c>.
/// </para>
/// </remarks>
public interface ITaskMocker
{
    /// <summary>The answer for one Task invocation: <see cref="TaskMockAnswer.NotMocked"/> calls the real handler.</summary>
    TaskMockAnswer Answer(TaskMockRequest request);
}
