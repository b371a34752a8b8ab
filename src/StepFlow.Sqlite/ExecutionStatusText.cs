using StepFlow.Execution;
using StepFlow.Persistence;

namespace StepFlow.Sqlite;

/// <summary>The text a status is stored as (AWS's names), so the file reads well and does not depend on enum numbers.</summary>
internal static class ExecutionStatusText
{
    public const string Running = "RUNNING";

    public static string Of(ExecutionStatus status) => status switch
    {
        ExecutionStatus.Running => Running,
        ExecutionStatus.Succeeded => "SUCCEEDED",
        ExecutionStatus.Failed => "FAILED",
        ExecutionStatus.TimedOut => "TIMED_OUT",
        ExecutionStatus.Aborted => "ABORTED",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "Not an execution status."),
    };

    public static ExecutionStatus Parse(string text) => text switch
    {
        Running => ExecutionStatus.Running,
        "SUCCEEDED" => ExecutionStatus.Succeeded,
        "FAILED" => ExecutionStatus.Failed,
        "TIMED_OUT" => ExecutionStatus.TimedOut,
        "ABORTED" => ExecutionStatus.Aborted,
        _ => throw new FormatException($"unknown execution status '{text}'"),
    };
}
