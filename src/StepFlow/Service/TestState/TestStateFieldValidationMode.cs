namespace StepFlow.Service.TestState;

/// <summary>How a mocked Task result is checked against the output shape of the API the Task calls.</summary>
public enum TestStateFieldValidationMode
{
    /// <summary>Every field present must have the API's type and bounds, and the API's required fields must be present.</summary>
    Strict,

    /// <summary>Only the fields present are checked.</summary>
    Present,

    /// <summary>No check.</summary>
    None,
}
