namespace StepFlow.Service;

/// <summary>Whether an execution can be redriven (AWS's <c>redriveStatus</c>).</summary>
public enum RedriveStatus
{
    /// <summary>RedriveExecution would refuse it; see the reason.</summary>
    NotRedrivable,

    /// <summary>RedriveExecution would restart it from where it failed.</summary>
    Redrivable,
}
