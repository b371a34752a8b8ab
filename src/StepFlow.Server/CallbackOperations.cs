namespace StepFlow.Server;

/// <summary>SendTaskSuccess, SendTaskFailure, SendTaskHeartbeat and GetActivityTask.</summary>
internal static class CallbackOperations
{
    public static Task SendTaskSuccess(OperationContext c) =>
        c.Engine.SendTaskSuccessAsync(c.Request.RequiredString("taskToken"), c.Request.RequiredString("output"), c.CancellationToken);

    public static Task SendTaskFailure(OperationContext c) =>
        c.Engine.SendTaskFailureAsync(c.Request.RequiredString("taskToken"), c.Request.String("error"), c.Request.String("cause"), c.CancellationToken);

    public static Task SendTaskHeartbeat(OperationContext c) =>
        c.Engine.SendTaskHeartbeatAsync(c.Request.RequiredString("taskToken"), c.CancellationToken);

    public static async Task GetActivityTask(OperationContext c)
    {
        var task = await c.Engine.GetActivityTaskAsync(
            c.Request.RequiredString("activityArn"), c.Request.String("workerName"), c.CancellationToken).ConfigureAwait(false);
        c.Response.WriteStringIfSet("taskToken", task.TaskToken);
        if (task.Input is not null)
        {
            c.Response.WriteString("input", task.Input.ToJsonString());
        }
    }
}
