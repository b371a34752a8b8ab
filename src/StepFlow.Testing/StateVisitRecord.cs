using StepFlow.Json;

namespace StepFlow.Testing;

/// <summary>
/// One visit of a state in a test run, read from the history: its name, the input it was entered with, the output it
/// left with (null when it did not exit: a Fail state, or a state the execution failed in) and the retries it made.
/// </summary>
/// <param name="Name">The state's name.</param>
/// <param name="EnteredEventType">The history event that entered it, e.g. <c>TaskStateEntered</c>.</param>
/// <param name="Input">The state's input.</param>
/// <param name="Output">The state's output, or null when it did not exit.</param>
/// <param name="Retries">How many times the state's Retry ran it again in this visit (Task, Parallel and Map states).</param>
public sealed record StateVisitRecord(string Name, string EnteredEventType, JsonValue Input, JsonValue? Output, int Retries);
