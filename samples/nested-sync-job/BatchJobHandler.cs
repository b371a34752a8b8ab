using StepFlow.Errors;
using StepFlow.Json;
using StepFlow.Tasks;

namespace NestedSyncJob;

/// <summary>
/// A stand-in for AWS Batch's <c>submitJob.sync</c>: a <c>.sync</c> handler returns only when the job is done, and its
/// result is the task result. Bound to the Resource without its suffix, it serves <c>.sync</c> and request-response alike.
/// </summary>
internal sealed class BatchJobHandler(TimeProvider clock) : ITaskHandler
{
    /// <summary>How long the pretend job runs.</summary>
    private static readonly TimeSpan JobDuration = TimeSpan.FromMilliseconds(200);

    public async ValueTask<JsonValue> InvokeAsync(TaskInvocation invocation, CancellationToken cancellationToken)
    {
        var parameters = (JsonObject)invocation.Input;
        var jobName = ((JsonString)parameters["JobName"]).Value;
        var count = ((JsonNumber)((JsonObject)parameters["Parameters"])["count"]).IntegerValue;
        Console.WriteLine($"  [batch] {jobName}: started ({invocation.Pattern}), {count} image(s)");
        if (count == 0)
        {
            // An ASL error keeps its name: the child fails with Batch.JobFailed, the parent sees States.TaskFailed.
            throw new StatesErrorException("Batch.JobFailed", $"{jobName}: nothing to process");
        }

        await Task.Delay(JobDuration, clock, cancellationToken).ConfigureAwait(false);
        Console.WriteLine($"  [batch] {jobName}: done");
        return JsonObject.Create(
            ("JobId", JsonValue.From(Guid.NewGuid().ToString())),
            ("JobName", JsonValue.From(jobName)),
            ("Status", JsonValue.From("SUCCEEDED")),
            ("Processed", JsonValue.From(count)));
    }
}
