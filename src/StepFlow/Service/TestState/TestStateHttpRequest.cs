namespace StepFlow.Service.TestState;

/// <summary>
/// <c>inspectionData.request</c> at the TRACE level: the request an HTTP Task sent. Without <c>revealSecrets</c> what
/// the connection added (its authorization headers, query values and body parameters) is left out.
/// </summary>
public sealed record TestStateHttpRequest
{
    /// <summary>The protocol: <c>https</c> or <c>http</c>.</summary>
    public required string Protocol { get; init; }

    /// <summary>The HTTP method.</summary>
    public required string Method { get; init; }

    /// <summary>The URL, with its query.</summary>
    public required string Url { get; init; }

    /// <summary>The headers, as JSON text of an object from name to the list of values.</summary>
    public required string Headers { get; init; }

    /// <summary>The body text; empty when there was none.</summary>
    public required string Body { get; init; }
}
