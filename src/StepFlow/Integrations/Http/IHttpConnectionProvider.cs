namespace StepFlow.Integrations.Http;

/// <summary>
/// StepFlow's stand-in for EventBridge connections: turns the <c>ConnectionArn</c> an HTTP Task names (in
/// <c>Authentication</c> or <c>InvocationConfig</c>) into the authorization to apply to its request. The host
/// owns the secrets: an API key, a user name and password, or an OAuth token the provider obtains (and caches
/// and refreshes) itself.
/// </summary>
public interface IHttpConnectionProvider
{
    /// <summary>
    /// Returns the authorization for <paramref name="connectionArn"/>, or null when no such connection exists
    /// (the task then fails with <see cref="HttpConnectionErrorNames.ResourceNotFound"/>). To fail with another
    /// connection error, throw <see cref="Errors.StatesErrorException"/> with one of the
    /// <see cref="HttpConnectionErrorNames"/>; any other exception fails the task with
    /// <see cref="HttpConnectionErrorNames.InternalError"/>.
    /// </summary>
    ValueTask<HttpConnectionAuthorization?> GetAuthorizationAsync(string connectionArn, CancellationToken cancellationToken);
}
