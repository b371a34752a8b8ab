namespace StepFlow.Service.TestState;

/// <summary>The outcome of a tested state.</summary>
public enum TestStateStatus
{
    /// <summary>The state completed; the response has its output and next state.</summary>
    Succeeded,

    /// <summary>The state failed with an error no Retry or Catch handles.</summary>
    Failed,

    /// <summary>The state failed and a retrier would run it again.</summary>
    Retriable,

    /// <summary>The state failed and a catcher took the error; the response has the catcher's output and next state.</summary>
    CaughtError,
}
