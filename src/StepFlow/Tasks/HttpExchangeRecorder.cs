namespace StepFlow.Tasks;

/// <summary>
/// Where an HTTP Task reports the request it sent and the response it got, for whoever asked: TestState at the TRACE
/// inspection level installs one for the flow of its run, and the HTTP Task handler fills it in. Executions never
/// install one; the handler's cost is then one <see cref="AsyncLocal{T}"/> read.
/// </summary>
internal sealed class HttpExchangeRecorder(bool revealSecrets)
{
    private static readonly AsyncLocal<HttpExchangeRecorder?> Slot = new();

    /// <summary>The recorder of the current flow, if one is installed.</summary>
    public static HttpExchangeRecorder? Current => Slot.Value;

    /// <summary>Whether what the connection added (its authorization headers, query and body parameters) is shown.</summary>
    public bool RevealSecrets { get; } = revealSecrets;

    /// <summary>The request as sent.</summary>
    public RecordedHttpRequest? Request { get; set; }

    /// <summary>The response as received.</summary>
    public RecordedHttpResponse? Response { get; set; }

    /// <summary>Installs <paramref name="recorder"/> for the current flow (an async method's change ends with it).</summary>
    public static void Install(HttpExchangeRecorder? recorder) => Slot.Value = recorder;
}
