using System.Diagnostics;

namespace StepFlow.Integrations.Http;

/// <summary>
/// Sends the W3C trace context of the current span (the task attempt's, when StepFlow is traced) with an HTTP Task
/// request: <c>traceparent</c> and <c>tracestate</c>, through the process's <see cref="DistributedContextPropagator"/>.
/// Headers the task set itself are kept.
/// </summary>
internal static class HttpTraceContext
{
    public static void Inject(HttpRequestMessage request)
    {
        if (Activity.Current is not { } current)
        {
            return;
        }

        DistributedContextPropagator.Current.Inject(current, request, static (carrier, name, value) =>
        {
            if (carrier is HttpRequestMessage message && value is not null && !message.Headers.Contains(name))
            {
                message.Headers.TryAddWithoutValidation(name, value);
            }
        });
    }
}
