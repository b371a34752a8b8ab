namespace StepFlow.Definition;

/// <summary>The eight ASL state types.</summary>
internal enum StateType
{
    /// <summary>Pass.</summary>
    Pass,

    /// <summary>Task.</summary>
    Task,

    /// <summary>Choice.</summary>
    Choice,

    /// <summary>Wait.</summary>
    Wait,

    /// <summary>Succeed.</summary>
    Succeed,

    /// <summary>Fail.</summary>
    Fail,

    /// <summary>Parallel.</summary>
    Parallel,

    /// <summary>Map.</summary>
    Map,
}
