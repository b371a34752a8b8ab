namespace StepFlow.Integrations.Http;

/// <summary>Settings of the HTTP Task (<c>arn:aws:states:::http:invoke</c>); the defaults are AWS's.</summary>
public sealed class HttpTaskOptions
{
    /// <summary>
    /// How long one request may take, sending and receiving included, before the task fails with
    /// <c>States.Http.Socket</c>. Default 60 seconds, as AWS.
    /// </summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// The clock that measures <see cref="RequestTimeout"/>. It bounds real network I/O, so it is the system
    /// clock by default and not the engine's workflow clock: a fake engine clock that skips ahead must not cut
    /// real requests short.
    /// </summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>
    /// The largest response body read, in bytes; a longer one fails the task with <c>States.DataLimitExceeded</c>.
    /// Default 262,144 (256 KiB), the payload limit. StepFlow, like AWS, also sends <c>Range: bytes=0-262144</c>.
    /// </summary>
    public int MaxResponseBodyBytes { get; init; } = 262_144;

    /// <summary>
    /// Whether the HTTP Task may call addresses that are not public: loopback, link-local (the cloud metadata address
    /// 169.254.169.254 included), private and reserved ranges (docs/integrations.md lists them). Off by default, so a
    /// workflow (or its input) cannot reach the host's own services through it; a refused endpoint fails the task with
    /// <c>States.Http.Socket</c>. Set it for local development and tests against a loopback server.
    /// </summary>
    public bool AllowPrivateNetworks { get; init; }
}
