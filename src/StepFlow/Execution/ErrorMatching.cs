using System.Collections.Immutable;
using StepFlow.Errors;

namespace StepFlow.Execution;

/// <summary>ASL's rules for matching an error name against ErrorEquals.</summary>
internal static class ErrorMatching
{
    /// <summary>States.Runtime is never retried or caught.</summary>
    public static bool IsRecoverable(string error) => error != StatesErrorNames.Runtime;

    public static bool Matches(ImmutableArray<string> errorEquals, string error)
    {
        foreach (var name in errorEquals)
        {
            if (string.Equals(name, error, StringComparison.Ordinal))
            {
                return true;
            }

            if (name == StatesErrorNames.All && error != StatesErrorNames.DataLimitExceeded)
            {
                return true;
            }

            if (name == StatesErrorNames.TaskFailed && error != StatesErrorNames.Timeout && error != StatesErrorNames.DataLimitExceeded)
            {
                return true;
            }
        }

        return false;
    }
}
