namespace StepFlow.Tasks;

/// <summary>How a Task state waits for its resource (the Resource's suffix, or an activity ARN).</summary>
public enum IntegrationPattern
{
    /// <summary>No suffix: the task completes when the handler returns.</summary>
    RequestResponse,

    /// <summary><c>.sync</c> or <c>.sync:2</c>: the handler runs a job and returns when it is done.</summary>
    Sync,

    /// <summary>
    /// <c>.waitForTaskToken</c>: the handler is given a task token and the task waits for
    /// <see cref="StepFlowEngine.SendTaskSuccessAsync(string, Json.JsonValue, CancellationToken)"/> or
    /// <see cref="StepFlowEngine.SendTaskFailureAsync(string, string?, string?, CancellationToken)"/>.
    /// </summary>
    WaitForTaskToken,

    /// <summary>An activity ARN: a worker polls for the task and answers with its token.</summary>
    Activity,
}

/// <summary>Reads the integration pattern off a Resource.</summary>
internal static class IntegrationPatterns
{
    private const string WaitForTaskToken = ".waitForTaskToken";
    private const string Sync2 = ".sync:2";
    private const string Sync = ".sync";

    /// <summary>The pattern and the Resource without its suffix (null when there is none).</summary>
    public static (IntegrationPattern Pattern, string? BaseResource) Classify(string resource)
    {
        if (resource.EndsWith(WaitForTaskToken, StringComparison.Ordinal))
        {
            return (IntegrationPattern.WaitForTaskToken, resource[..^WaitForTaskToken.Length]);
        }

        if (resource.EndsWith(Sync2, StringComparison.Ordinal))
        {
            return (IntegrationPattern.Sync, resource[..^Sync2.Length]);
        }

        if (resource.EndsWith(Sync, StringComparison.Ordinal))
        {
            return (IntegrationPattern.Sync, resource[..^Sync.Length]);
        }

        return (IsActivityArn(resource) ? IntegrationPattern.Activity : IntegrationPattern.RequestResponse, null);
    }

    /// <summary>True for <c>arn:&lt;partition&gt;:states:&lt;region&gt;:&lt;account&gt;:activity:&lt;name&gt;</c>.</summary>
    public static bool IsActivityArn(string resource)
    {
        // arn:<partition>:states:<region>:<account>:activity:<name>: exactly seven ':'-separated parts, read
        // without splitting (every Task state's Resource is classified when a definition is built); most resources
        // are not activities, and lack ":activity:" altogether.
        if (!resource.Contains(":activity:", StringComparison.Ordinal))
        {
            return false;
        }

        Span<Range> parts = stackalloc Range[8];
        var span = resource.AsSpan();
        if (span.Split(parts, ':') != 7)
        {
            return false;
        }

        return span[parts[0]].SequenceEqual("arn") && span[parts[2]].SequenceEqual("states") && !span[parts[1]].IsEmpty &&
               !span[parts[3]].IsEmpty && !span[parts[4]].IsEmpty && span[parts[5]].SequenceEqual("activity") && !span[parts[6]].IsEmpty;
    }
}
