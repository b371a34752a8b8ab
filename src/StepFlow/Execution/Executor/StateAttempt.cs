using StepFlow.Definition;
using StepFlow.Json;

namespace StepFlow.Execution.Executor;

/// <summary>
/// One attempt at a Task, Parallel or Map state's work, up to its result (before ResultPath). A failure is a
/// <see cref="Errors.StatesErrorException"/> that the state's Retry and Catch then handle.
/// </summary>
/// <param name="state">The state.</param>
/// <param name="input">The state's input.</param>
/// <param name="scope">The attempt's JSONata scope (<c>$states</c>), or null in a JSONPath state.</param>
/// <param name="frame">The running graph's frame.</param>
/// <param name="visit">The visit to the state.</param>
/// <param name="cancellationToken">Cancels the execution.</param>
internal delegate ValueTask<JsonValue> StateAttempt(State state, JsonValue input, JsonataScope? scope, Frame frame, StateVisit visit, CancellationToken cancellationToken);
