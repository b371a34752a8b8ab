using System.Collections.Immutable;
using StepFlow.Errors;
using StepFlow.Execution.Dispatch;

namespace StepFlow.Execution.Recovery;

/// <summary>
/// ASL's rules for matching an error name against ErrorEquals. States.ALL matches everything but
/// States.Runtime (AWS's recorded runs show it catching States.DataLimitExceeded from a task result);
/// States.TaskFailed matches everything but States.Timeout and States.Runtime.
/// </summary>
internal static class ErrorMatching
{
    /// <summary>States.Runtime is never retried or caught.</summary>
    public static bool IsRecoverable(string error) => error != StatesErrorNames.Runtime;

    /// <summary>
    /// Like <see cref="Matches(ImmutableArray{string}, string)"/>, and <c>States.HeartbeatTimeout</c> also matches a
    /// missed heartbeat (which AWS reports as <c>States.Timeout</c>).
    /// </summary>
    public static bool Matches(ImmutableArray<string> errorEquals, StatesErrorException error)
    {
        if (Matches(errorEquals, error.Error))
        {
            return true;
        }

        return error is HeartbeatTimeoutException && errorEquals.Contains(StatesErrorNames.HeartbeatTimeout);
    }

    public static bool Matches(ImmutableArray<string> errorEquals, string error)
    {
        foreach (var name in errorEquals)
        {
            if (string.Equals(name, error, StringComparison.Ordinal))
            {
                return true;
            }

            if (name == StatesErrorNames.All)
            {
                return true;
            }

            if (name == StatesErrorNames.TaskFailed && error != StatesErrorNames.Timeout)
            {
                return true;
            }
        }

        return false;
    }
}
