namespace StepFlow.Service.TestState;

/// <summary>How much of the state's data processing a TestState response shows.</summary>
public enum TestStateInspectionLevel
{
    /// <summary>Status, output, error, cause and next state only.</summary>
    Info,

    /// <summary>Also the data after each processing step (<see cref="TestStateInspectionData"/>).</summary>
    Debug,

    /// <summary>Like <see cref="Debug"/>, and the raw HTTP request and response of an HTTP Task.</summary>
    Trace,
}
