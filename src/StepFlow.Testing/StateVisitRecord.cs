using StepFlow.Json;

namespace StepFlow.Testing;

/// <summary>
/// One visit of a state in a test run, read from the history: its name, the input it was entered with, the output it
/// left with (null when it did not exit: a Fail state, or a state the execution failed in) and the retries it made.
/// </summary>
/// <remarks>
/// The name and input come from the visit's own <c>*StateEntered</c> event and are exact. StepFlow's history chains
/// events in the order they happen (<c>previousEventId</c> is the event before), so when visits of the same state run
/// at the same time (Map iterations, Parallel branches with the same state name) their exits and retries are credited in
/// the order they come, which need not be the order the visits were entered. <see cref="TestRunResult.RetriesOf(string)"/>
/// is exact for the total.
/// </remarks>
/// <param name="Name">The state's name.</param>
/// <param name="EnteredEventType">The history event that entered it, e.g. <c>TaskStateEntered</c>.</param>
/// <param name="Input">The state's input.</param>
/// <param name="Output">The state's output, or null when it did not exit.</param>
/// <param name="Retries">How many times the state's Retry ran it again in this visit (Task, Parallel and Map states).</param>
public sealed record StateVisitRecord(string Name, string EnteredEventType, JsonValue Input, JsonValue? Output, int Retries);
