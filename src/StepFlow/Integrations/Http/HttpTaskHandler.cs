using StepFlow.Errors;
using StepFlow.Json;
using StepFlow.Tasks;

namespace StepFlow.Integrations.Http;

/// <summary>
/// The HTTP Task, <c>arn:aws:states:::http:invoke</c>: reads the task's parameters, asks the
/// <see cref="IHttpConnectionProvider"/> for the connection's authorization, sends the request through the
/// host's <see cref="HttpClient"/> and returns AWS's result shape. Registered by
/// <see cref="StepFlowEngineBuilder.AddHttpTask(HttpClient, IHttpConnectionProvider, HttpTaskOptions?)"/>.
/// </summary>
internal sealed class HttpTaskHandler : ITaskHandler
{
    /// <summary>The HTTP Task's resource.</summary>
    public const string Resource = "arn:aws:states:::http:invoke";

    private readonly HttpClient _httpClient;
    private readonly IHttpConnectionProvider _connections;
    private readonly HttpTaskOptions _options;

    public HttpTaskHandler(HttpClient httpClient, IHttpConnectionProvider connections, HttpTaskOptions? options)
    {
        ArgumentNullException.ThrowIfNull(httpClient);
        ArgumentNullException.ThrowIfNull(connections);
        options ??= new HttpTaskOptions();
        ArgumentNullException.ThrowIfNull(options.TimeProvider, nameof(options));
        if (options.RequestTimeout <= TimeSpan.Zero && options.RequestTimeout != Timeout.InfiniteTimeSpan)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.RequestTimeout, "HttpTaskOptions.RequestTimeout must be positive (or Timeout.InfiniteTimeSpan).");
        }

        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.MaxResponseBodyBytes, nameof(options));
        _httpClient = httpClient;
        _connections = connections;
        _options = options;
    }

    public async ValueTask<JsonValue> InvokeAsync(TaskInvocation invocation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(invocation);
        if (invocation.Pattern != IntegrationPattern.RequestResponse)
        {
            throw HttpTaskFailures.Runtime(invocation, $"the HTTP Task supports only the request-response pattern, not '{invocation.Resource}'.");
        }

        var parameters = HttpTaskParameters.Read(invocation);
        if (!_options.AllowPrivateNetworks)
        {
            await HttpEndpointGuard.CheckAsync(invocation, parameters.Endpoint, cancellationToken).ConfigureAwait(false);
        }

        var authorization = await AuthorizeAsync(invocation, parameters.ConnectionArn, cancellationToken).ConfigureAwait(false);
        using var request = HttpRequestComposer.Compose(invocation, parameters, authorization);
        var recorder = HttpExchangeRecorder.Current;
        if (recorder is not null)
        {
            await HttpExchangeTrace.RecordRequestAsync(recorder, request, authorization, cancellationToken).ConfigureAwait(false);
        }

        using var timeout = new CancellationTokenSource(_options.RequestTimeout, _options.TimeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        var target = parameters.Endpoint.GetLeftPart(UriPartial.Path);
        try
        {
            using var response = await _httpClient.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, linked.Token).ConfigureAwait(false);
            return await HttpResponseReader.ReadAsync(invocation, response, _options.MaxResponseBodyBytes, recorder, linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            // Our RequestTimeout, or the HttpClient's own Timeout.
            var limit = timeout.IsCancellationRequested ? $"{_options.RequestTimeout.TotalSeconds:0.###} seconds" : "the HttpClient's Timeout";
            throw HttpTaskFailures.Socket(invocation, $"the request {parameters.Method} {target} timed out after {limit}.", e);
        }
        catch (HttpRequestException e)
        {
            throw HttpTaskFailures.Socket(invocation, $"the request {parameters.Method} {target} failed: {e.Message}", e);
        }
        catch (IOException e)
        {
            throw HttpTaskFailures.Socket(invocation, $"reading the response of {parameters.Method} {target} failed: {e.Message}", e);
        }
    }

    private async ValueTask<HttpConnectionAuthorization> AuthorizeAsync(TaskInvocation invocation, string connectionArn, CancellationToken cancellationToken)
    {
        HttpConnectionAuthorization? authorization;
        try
        {
            authorization = await _connections.GetAuthorizationAsync(connectionArn, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not StatesErrorException && !(e is OperationCanceledException && cancellationToken.IsCancellationRequested))
        {
            throw new StatesErrorException(
                HttpConnectionErrorNames.InternalError,
                $"The connection '{connectionArn}' of the HTTP Task '{invocation.StateName}' could not be read: {e.GetType().Name}: {e.Message}",
                e);
        }

        return authorization ?? throw new StatesErrorException(
            HttpConnectionErrorNames.ResourceNotFound,
            $"The HTTP Task '{invocation.StateName}' names the connection '{connectionArn}', which the host's IHttpConnectionProvider does not know.");
    }
}
