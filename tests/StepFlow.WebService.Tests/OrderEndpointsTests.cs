using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing;

namespace StepFlow.WebService.Tests;

/// <summary>
/// The web-service sample through HTTP: POST /orders starts an order workflow, POST /orders/{id}/approval answers its
/// .waitForTaskToken step, GET /orders/{id} shows the execution, /health the store and worker.
/// </summary>
public sealed class OrderEndpointsTests : IClassFixture<OrderEndpointsTests.InMemoryService>
{
    private readonly InMemoryService _service;

    public OrderEndpointsTests(InMemoryService service) => _service = service;

    [Fact]
    public async Task PostOrder_ThenApprove_ShipsTheOrderAndTracesTheExecution()
    {
        var spans = new ConcurrentQueue<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == "StepFlow",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = spans.Enqueue,
        };
        ActivitySource.AddActivityListener(listener);
        using var client = _service.CreateClient();

        var started = await client.PostAsJsonAsync("/orders", new { orderId = "o-approved", amount = 12.5 });
        started.StatusCode.Should().Be(HttpStatusCode.Accepted, await started.Content.ReadAsStringAsync());
        started.Headers.Location!.ToString().Should().Be("/orders/o-approved");
        (await Status(client, "o-approved")).Should().Be("RUNNING");

        await AnswerAsync(client, "o-approved", new { approved = true, comment = "fine" });
        var done = await Closed(client, "o-approved");

        done.GetProperty("status").GetString().Should().Be("SUCCEEDED");
        done.GetProperty("output").GetProperty("shipment").GetProperty("trackingNumber").GetString().Should().Be("TRK-o-approved");
        done.GetProperty("output").GetProperty("reservation").GetProperty("reservationId").GetString().Should().Be("res-o-approved");
        done.GetProperty("output").GetProperty("approval").GetProperty("approved").GetBoolean().Should().BeTrue();
        spans.Should().Contain(s => s.Tags.Any(t => t.Value != null && t.Value.EndsWith(":o-approved", StringComparison.Ordinal)),
            "the engine's ActivitySource \"StepFlow\" traces the execution the endpoint started");
    }

    [Fact]
    public async Task PostOrder_ThenReject_FailsWithTheRejection()
    {
        using var client = _service.CreateClient();
        (await client.PostAsJsonAsync("/orders", new { orderId = "o-rejected", amount = 99 })).StatusCode.Should().Be(HttpStatusCode.Accepted);

        await AnswerAsync(client, "o-rejected", new { approved = false, comment = "over budget" });
        var done = await Closed(client, "o-rejected");

        done.GetProperty("status").GetString().Should().Be("FAILED");
        done.GetProperty("error").GetString().Should().Be("Order.Rejected");
    }

    [Fact]
    public async Task Endpoints_UnknownOrderAndHealth_AnswerPlainly()
    {
        using var client = _service.CreateClient();

        (await client.GetAsync("/orders/nope")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await client.PostAsJsonAsync("/orders/nope/approval", new { approved = true })).StatusCode.Should().Be(HttpStatusCode.NotFound);
        var health = await client.GetAsync("/health");
        health.StatusCode.Should().Be(HttpStatusCode.OK);
        (await health.Content.ReadAsStringAsync()).Should().Be("Healthy");
    }

    /// <summary>Answers the approval once the workflow has asked for it (the endpoint says 404 until then).</summary>
    private static async Task AnswerAsync(HttpClient client, string orderId, object answer)
    {
        var watch = Stopwatch.StartNew();
        while (true)
        {
            var response = await client.PostAsJsonAsync($"/orders/{orderId}/approval", answer);
            if (response.StatusCode == HttpStatusCode.NoContent)
            {
                return;
            }

            response.StatusCode.Should().Be(HttpStatusCode.NotFound);
            watch.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(30), "the order asks for its approval");
            await Task.Delay(20);
        }
    }

    private static async Task<string?> Status(HttpClient client, string orderId) =>
        (await client.GetFromJsonAsync<JsonElement>($"/orders/{orderId}")).GetProperty("status").GetString();

    private static async Task<JsonElement> Closed(HttpClient client, string orderId)
    {
        var watch = Stopwatch.StartNew();
        while (true)
        {
            var execution = await client.GetFromJsonAsync<JsonElement>($"/orders/{orderId}");
            if (execution.GetProperty("status").GetString() != "RUNNING")
            {
                return execution;
            }

            watch.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(30), "the order closes");
            await Task.Delay(20);
        }
    }

    /// <summary>The sample as configured, with an in-memory store instead of its SQLite file.</summary>
    public sealed class InMemoryService : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder) =>
            builder.UseSetting("StepFlow:Store:Kind", "InMemory");
    }
}
