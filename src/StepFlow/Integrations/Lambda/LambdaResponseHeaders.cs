using System.Globalization;
using StepFlow.Json;

namespace StepFlow.Integrations.Lambda;

/// <summary>
/// The <c>SdkHttpMetadata</c> of a <c>lambda:invoke</c> result as AWS returns it: the headers of Lambda's Invoke
/// response twice, as lists (<c>AllHttpHeaders</c>) and as single values (<c>HttpHeaders</c>), and the HTTP status.
/// Recorded AWS results (../shared/conformance-teststate, ../shared/conformance) carry exactly these eight headers.
/// </summary>
internal static class LambdaResponseHeaders
{
    private static readonly JsonValue Ok = JsonValue.From(200);
    private static readonly JsonValue KeepAlive = JsonValue.From("keep-alive");
    private static readonly JsonValue ApplicationJson = JsonValue.From("application/json");
    private static readonly JsonValue Latest = JsonValue.From(LambdaInvokeIntegration.ExecutedVersion);
    private static readonly JsonValue Zero = JsonValue.From("0");

    /// <summary>
    /// The metadata of one response: <paramref name="payload"/> sizes <c>Content-Length</c> (its compact UTF-8 text),
    /// <paramref name="now"/> is the <c>Date</c> (RFC 1123), <paramref name="traceSeed"/> makes the X-Ray trace id.
    /// </summary>
    public static JsonObject Metadata(JsonValue payload, string requestId, DateTimeOffset now, Guid traceSeed)
    {
        var length = JsonValue.From(Math.Max(payload.Utf8Length, 0).ToString(CultureInfo.InvariantCulture));
        var date = JsonValue.From(now.UtcDateTime.ToString("r", CultureInfo.InvariantCulture));
        var id = JsonValue.From(requestId);
        var trace = JsonValue.From(TraceId(now, traceSeed));
        var all = JsonObject.Create(
            ("X-Amz-Executed-Version", One(Latest)),
            ("x-amzn-Remapped-Content-Length", One(Zero)),
            ("Connection", One(KeepAlive)),
            ("x-amzn-RequestId", One(id)),
            ("Content-Length", One(length)),
            ("Date", One(date)),
            ("X-Amzn-Trace-Id", One(trace)),
            ("Content-Type", One(ApplicationJson)));
        var single = JsonObject.Create(
            ("Connection", KeepAlive),
            ("Content-Length", length),
            ("Content-Type", ApplicationJson),
            ("Date", date),
            ("X-Amz-Executed-Version", Latest),
            ("x-amzn-Remapped-Content-Length", Zero),
            ("x-amzn-RequestId", id),
            ("X-Amzn-Trace-Id", trace));
        return JsonObject.Create(("AllHttpHeaders", all), ("HttpHeaders", single), ("HttpStatusCode", Ok));
    }

    /// <summary>An X-Ray trace header: <c>Root=1-&lt;epoch seconds, hex&gt;-&lt;96 random bits, hex&gt;;Sampled=0</c>.</summary>
    private static string TraceId(DateTimeOffset now, Guid seed)
    {
        var random = seed.ToString("N")[..24];
        return $"Root=1-{now.ToUnixTimeSeconds():x8}-{random};Sampled=0";
    }

    private static JsonArray One(JsonValue value) => JsonArray.Create([value]);
}
