using System.Collections.Frozen;

namespace StepFlow.Integrations.Http;

/// <summary>The headers an HTTP Task definition may not set (AWS fails the task with <c>States.Runtime</c>).</summary>
internal static class HttpForbiddenHeaders
{
    private static readonly FrozenSet<string> Names = new[]
    {
        "A-IM", "Accept-Charset", "Accept-Datetime", "Accept-Encoding", "Authorization", "Cache-Control", "Connection",
        "Content-Encoding", "Content-MD5", "Date", "Expect", "Forwarded", "From", "Host", "HTTP2-Settings", "If-Match",
        "If-Modified-Since", "If-None-Match", "If-Range", "If-Unmodified-Since", "Max-Forwards", "Origin", "Pragma",
        "Proxy-Authorization", "Referer", "Server", "TE", "Trailer", "Transfer-Encoding", "Upgrade", "Via", "Warning",
    }.ToFrozenSet(StringComparer.OrdinalIgnoreCase);

    private static readonly string[] Prefixes = ["x-forwarded-", "x-amz-", "x-amzn-"];

    public static bool IsForbidden(string name)
    {
        if (Names.Contains(name))
        {
            return true;
        }

        foreach (var prefix in Prefixes)
        {
            if (name.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }
}
