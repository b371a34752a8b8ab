using StepFlow.Errors;

namespace StepFlow.Execution.Dispatch;

/// <summary>
/// Thrown by a task integration that could not start the task at all (nothing was sent, for example an activity that
/// does not exist): the attempt fails with <see cref="StatesErrorException.Error"/> and its history records the kind's
/// start-failed event (<c>TaskStartFailed</c>, <c>ActivityScheduleFailed</c>, ...) instead of a failed task.
/// </summary>
internal sealed class TaskNotStartedException : StatesErrorException
{
    /// <summary>Creates the exception.</summary>
    public TaskNotStartedException(string error, string? cause)
        : base(error, cause)
    {
    }
}
