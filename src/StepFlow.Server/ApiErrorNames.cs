namespace StepFlow.Server;

/// <summary>
/// The AWS error names of the protocol layer (the Step Functions API reference's "Common Errors" and the AWS JSON 1.0
/// protocol), with their HTTP statuses. Operation errors use <see cref="Service.ExecutionApiErrorCodes"/>.
/// </summary>
internal static class ApiErrorNames
{
    /// <summary>The body is not JSON, or not a JSON object (AWS JSON 1.0; HTTP 400).</summary>
    public const string SerializationException = "SerializationException";

    /// <summary>The <c>X-Amz-Target</c> names no operation of the service (HTTP 404).</summary>
    public const string UnknownOperationException = "UnknownOperationException";

    /// <summary>The body is larger than the endpoint accepts (HTTP 413).</summary>
    public const string RequestEntityTooLargeException = "RequestEntityTooLargeException";

    /// <summary>The HTTP request itself is unusable: wrong method or content type (HTTP 400).</summary>
    public const string MalformedHttpRequestException = "MalformedHttpRequestException";

    /// <summary>A member is missing, of the wrong type or out of its range (HTTP 400).</summary>
    public const string ValidationException = "ValidationException";

    /// <summary>An unexpected failure of the server (HTTP 500).</summary>
    public const string InternalFailure = "InternalFailure";

    /// <summary>The engine takes no new work, e.g. while it shuts down (HTTP 503).</summary>
    public const string ServiceUnavailable = "ServiceUnavailable";
}
