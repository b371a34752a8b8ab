namespace StepFlow.Integrations.Http;

/// <summary>
/// The errors AWS raises when an HTTP Task's EventBridge connection cannot be used (all prefixed with
/// <c>Events.ConnectionResource.</c>). Retry and Catch match them like any task error.
/// </summary>
public static class HttpConnectionErrorNames
{
    /// <summary>The connection is not authorized (for example, its OAuth token could not be obtained).</summary>
    public const string InvalidConnectionState = "Events.ConnectionResource.InvalidConnectionState";

    /// <summary>The private connection's network configuration is not usable.</summary>
    public const string InvalidPrivateConnectionState = "Events.ConnectionResource.InvalidPrivateConnectionState";

    /// <summary>The workflow may not use the connection.</summary>
    public const string AccessDenied = "Events.ConnectionResource.AccessDenied";

    /// <summary>No connection has the ARN the task names.</summary>
    public const string ResourceNotFound = "Events.ConnectionResource.ResourceNotFound";

    /// <summary>The connection is still being authorized.</summary>
    public const string AuthInProgress = "Events.ConnectionResource.AuthInProgress";

    /// <summary>The connection changed while it was being read.</summary>
    public const string ConcurrentModification = "Events.ConnectionResource.ConcurrentModification";

    /// <summary>The connection could not be read for another reason.</summary>
    public const string InternalError = "Events.ConnectionResource.InternalError";
}
