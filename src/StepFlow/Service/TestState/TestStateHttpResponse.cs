namespace StepFlow.Service.TestState;

/// <summary><c>inspectionData.response</c> at the TRACE level: the response an HTTP Task received.</summary>
public sealed record TestStateHttpResponse
{
    /// <summary>The protocol: <c>https</c> or <c>http</c>.</summary>
    public required string Protocol { get; init; }

    /// <summary>The status code, as text (AWS's type).</summary>
    public required string StatusCode { get; init; }

    /// <summary>The reason phrase of the status.</summary>
    public required string StatusMessage { get; init; }

    /// <summary>The headers, as JSON text of an object from name to the list of values.</summary>
    public required string Headers { get; init; }

    /// <summary>The body text.</summary>
    public required string Body { get; init; }
}
