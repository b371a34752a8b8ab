namespace StepFlow.Execution;

/// <summary>The execution ran past its TimeoutSeconds.</summary>
internal sealed class ExecutionTimedOutException() : Exception("The execution timed out.");
