using StepFlow.Errors;
using StepFlow.Execution;
using StepFlow.Execution.Dispatch;
using StepFlow.Json;
using StepFlow.Tasks;

namespace StepFlow.Integrations.Activities;

/// <summary>
/// Activities (<c>arn:aws:states:region:account:activity:name</c>): hands the task to the activity's queue, where a
/// worker takes it with GetActivityTask, and completes with the answer sent for its token (SendTaskSuccess/Failure).
/// The task runner opens the token (and keeps the heartbeat and timeout clocks) as for any task answered by token; an
/// activity the engine does not know fails the attempt before it is scheduled (<c>ActivityScheduleFailed</c>).
/// </summary>
internal sealed class ActivityIntegration : ITaskIntegration
{
    public bool Handles(string resource, string? baseResource) => IntegrationPatterns.IsActivityArn(resource);

    public ValueTask<JsonValue> InvokeAsync(RunContext run, TaskInvocation invocation, long nowUtcTicks, CancellationToken cancellationToken)
    {
        var engine = run.Engine;
        if (!engine.Activities.TryGet(invocation.Resource, out var queue))
        {
            throw new TaskNotStartedException(
                StatesErrorNames.TaskFailed,
                $"The activity '{invocation.Resource}' does not exist (register it with RegisterActivity or AddActivity).");
        }

        if (invocation.TaskToken is not { } token)
        {
            throw new InvalidOperationException($"The activity task of state '{invocation.StateName}' was sent without its task token.");
        }

        var pending = engine.Tokens.Find(token);
        queue.Enqueue(pending);
        return new ValueTask<JsonValue>(pending.Completion.Task);
    }
}
