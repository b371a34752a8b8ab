using StepFlow.Json;

namespace StepFlow.Paths;

/// <summary>Builds the context object (<c>$$</c>) on demand, so states that never read it never pay for it.</summary>
internal interface IContextObjectSource
{
    /// <summary>Returns the context object.</summary>
    JsonValue GetContextObject();
}
