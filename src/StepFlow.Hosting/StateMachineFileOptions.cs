using StepFlow.Parsing;

namespace StepFlow.Hosting;

/// <summary>A state machine read from a file when the engine is built: an entry of <c>"StepFlow:StateMachines"</c>.</summary>
public sealed class StateMachineFileOptions
{
    /// <summary>The definition file (Amazon States Language JSON), relative to the host's content root (<c>IHostEnvironment.ContentRootPath</c>) or absolute.</summary>
    public string? Path { get; set; }

    /// <summary>Standard (the default) or Express.</summary>
    public StateMachineType Type { get; set; } = StateMachineType.Standard;
}
