namespace StepFlow.Server;

/// <summary>Options of the Step Functions endpoint that <see cref="StepFunctionsEndpoints.MapStepFunctionsApi(Microsoft.AspNetCore.Routing.IEndpointRouteBuilder, StepFunctionsApiOptions?)"/> maps.</summary>
public sealed record StepFunctionsApiOptions
{
    /// <summary>
    /// The largest request body accepted, in bytes; a larger one is refused with <c>RequestEntityTooLargeException</c>
    /// (HTTP 413) without being read to its end. The default, 2 MiB, holds AWS's largest request: a 1 MB definition
    /// whose characters are escaped in the JSON request.
    /// </summary>
    public int MaxRequestBytes { get; init; } = 2 * 1024 * 1024;

}
