using StepFlow.Execution;

namespace StepFlow.Hosting;

/// <summary>
/// The engine's settings in a host, bound from the configuration section <c>"StepFlow"</c> (see
/// <see cref="StepFlowOptions.SectionName"/>) and adjustable in code with
/// <see cref="StepFlowBuilder.Configure"/>. Every setting has a default, so an empty section (or none) runs an engine with
/// an in-memory store.
/// </summary>
public sealed class StepFlowOptions
{
    /// <summary>The configuration section bound by <c>AddStepFlow</c>: <c>"StepFlow"</c>.</summary>
    public const string SectionName = "StepFlow";

    /// <summary>Where executions are kept (<c>"StepFlow:Store"</c>); in memory by default.</summary>
    public StepFlowStoreOptions Store { get; set; } = new();

    /// <summary>
    /// The engine's limits and identity (<c>"StepFlow:Engine"</c>: <c>MaxOpenExecutions</c>, <c>MaxPayloadBytes</c>,
    /// <c>MaxHistoryEvents</c>, <c>Region</c>, ...), each with <see cref="EngineOptions"/>'s default.
    /// </summary>
    public EngineOptions Engine { get; set; } = new();

    /// <summary>
    /// The Task resources executions may call (<c>"StepFlow:AllowedTaskResources"</c>: ARNs or patterns with <c>*</c>, as
    /// <see cref="StepFlowEngineBuilder.AllowTaskResources"/> takes them). Empty (the default): no allow-list, every
    /// resource with a handler may be called.
    /// </summary>
    public IList<string> AllowedTaskResources { get; } = new List<string>();

    /// <summary>
    /// State machines read from files at start (<c>"StepFlow:StateMachines:Orders": { "Path": "orders.asl.json" }</c>),
    /// by name. Empty by default.
    /// </summary>
    public IDictionary<string, StateMachineFileOptions> StateMachines { get; } =
        new Dictionary<string, StateMachineFileOptions>(StringComparer.Ordinal);

    /// <summary>
    /// Whether the worker resumes the store's running executions when the host starts (<c>"StepFlow:RecoverOnStart"</c>);
    /// true by default.
    /// </summary>
    public bool RecoverOnStart { get; set; } = true;
}
