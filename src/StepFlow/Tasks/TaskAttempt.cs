namespace StepFlow.Tasks;

/// <summary>The place of a task attempt in its execution: the graph's scope, the state visit's number and the run's generation.</summary>
/// <param name="Scope">The graph's scope (empty for the top level).</param>
/// <param name="Visit">The state visit's number within the graph.</param>
/// <param name="Generation">0 for the first run, then 1, 2, … after each redrive.</param>
internal readonly record struct TaskAttempt(string Scope, int Visit, int Generation);
