namespace StepFlow.Tasks;

/// <summary>The three answers of a <see cref="ITaskMocker"/>.</summary>
public enum TaskMockAnswerKind
{
    /// <summary>Not mocked: the registered handler or built-in integration runs.</summary>
    NotMocked,

    /// <summary>The task succeeds with <see cref="TaskMockAnswer.Result"/>.</summary>
    Return,

    /// <summary>The task fails with <see cref="TaskMockAnswer.Error"/> and <see cref="TaskMockAnswer.Cause"/>.</summary>
    Throw,
}
