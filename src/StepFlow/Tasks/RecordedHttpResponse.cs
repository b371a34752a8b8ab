namespace StepFlow.Tasks;

/// <summary>An HTTP response as an HTTP Task received it; <paramref name="Headers"/> is JSON text (name → list of values).</summary>
internal sealed record RecordedHttpResponse(string Protocol, string StatusCode, string StatusMessage, string Headers, string Body);
