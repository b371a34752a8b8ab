using System.Text;
using System.Text.Json;
using StepFlow.Service.TestState;

namespace StepFlow.Server;

/// <summary>TestState, through the core's reader and writer of the request and response.</summary>
internal static class TestStateOperation
{
    public static async Task TestState(OperationContext c)
    {
        var request = TestStateJson.ParseRequest(Encoding.UTF8.GetString(c.RawRequest.Span));
        var response = await c.Engine.TestStateAsync(request, c.CancellationToken).ConfigureAwait(false);
        using var document = JsonDocument.Parse(TestStateJson.FormatResponse(response));
        foreach (var member in document.RootElement.EnumerateObject())
        {
            member.WriteTo(c.Response);
        }
    }
}
