using System.Collections.Concurrent;
using StepFlow.Service;

namespace StepFlow.Server;

/// <summary>GetExecutionHistory: the engine's events in AWS's shape (<c>&lt;type&gt;EventDetails</c>).</summary>
internal static class HistoryOperations
{
    private static readonly ConcurrentDictionary<string, string> DetailsNames = new(StringComparer.Ordinal);

    public static async Task GetExecutionHistory(OperationContext c)
    {
        var request = new GetExecutionHistoryRequest
        {
            ExecutionArn = c.Request.RequiredString("executionArn"),
            MaxResults = ExecutionOperations.MaxResults(c.Request),
            NextToken = c.Request.String("nextToken"),
            ReverseOrder = c.Request.Boolean("reverseOrder") ?? false,
            IncludeExecutionData = c.Request.Boolean("includeExecutionData") ?? true,
        };
        var page = await c.Engine.GetExecutionHistoryAsync(request, c.CancellationToken).ConfigureAwait(false);
        var w = c.Response;
        w.WriteStartArray("events");
        foreach (var e in page.Events)
        {
            w.WriteStartObject();
            w.WriteDate("timestamp", e.Timestamp);
            w.WriteString("type", e.Type);
            w.WriteNumber("id", e.Id);
            w.WriteNumber("previousEventId", e.PreviousEventId);
            var details = e.Details;
            if (details.Count > 0)
            {
                w.WritePropertyName(DetailsName(e.Type));
                details.WriteTo(w);
            }

            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteStringIfSet("nextToken", page.NextToken);
    }

    /// <summary>
    /// The member that holds an event's details: <c>stateEnteredEventDetails</c> for every <c>*StateEntered</c>,
    /// <c>stateExitedEventDetails</c> for every <c>*StateExited</c>, else the type in camelCase + <c>EventDetails</c>.
    /// </summary>
    internal static string DetailsName(string type) => DetailsNames.GetOrAdd(type, static t =>
        t.EndsWith("StateEntered", StringComparison.Ordinal) ? "stateEnteredEventDetails"
        : t.EndsWith("StateExited", StringComparison.Ordinal) ? "stateExitedEventDetails"
        : char.ToLowerInvariant(t[0]) + t[1..] + "EventDetails");
}
