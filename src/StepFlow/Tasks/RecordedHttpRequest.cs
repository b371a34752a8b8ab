namespace StepFlow.Tasks;

/// <summary>An HTTP request as an HTTP Task sent it; <paramref name="Headers"/> is JSON text (name → list of values).</summary>
internal sealed record RecordedHttpRequest(string Protocol, string Method, string Url, string Headers, string Body);
