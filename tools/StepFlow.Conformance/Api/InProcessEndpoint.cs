using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using StepFlow.Execution;
using StepFlow.Json;
using StepFlow.Server;

namespace StepFlow.Conformance.Api;

/// <summary>
/// StepFlow.Server on a free loopback port for the API cases, with a fresh engine per case (the recordings' account
/// 111111111111 in us-east-1), as the README asks: each case against a fresh account.
/// </summary>
public sealed class InProcessEndpoint : IAsyncDisposable
{
    private readonly WebApplication _app;
    private StepFlowEngine _engine;

    private InProcessEndpoint(WebApplication app, StepFlowEngine engine, Uri address)
    {
        _app = app;
        _engine = engine;
        Address = address;
    }

    /// <summary>Where the endpoint listens.</summary>
    public Uri Address { get; }

    /// <summary>Starts the endpoint.</summary>
    public static async Task<InProcessEndpoint> StartAsync(CancellationToken cancellationToken)
    {
        InProcessEndpoint? endpoint = null;
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
        builder.Services.AddTransient(_ => endpoint!._engine);
        var app = builder.Build();
        app.MapStepFunctionsApi();
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        endpoint = new InProcessEndpoint(app, NewEngine(), new Uri(address));
        return endpoint;
    }

    /// <summary>Replaces the engine with a fresh one (no state machines, no executions).</summary>
    public async Task ResetAsync()
    {
        var old = _engine;
        _engine = NewEngine();
        await old.DisposeAsync().ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
        await _engine.DisposeAsync().ConfigureAwait(false);
    }

    /// <summary>
    /// A fresh engine. SQS stands in for the queues the cases' environments declare: a message is accepted (its
    /// <c>.waitForTaskToken</c> execution then waits for its token), as a queue that exists accepts it.
    /// </summary>
    private static StepFlowEngine NewEngine() => StepFlowEngine.CreateBuilder()
        .UseOptions(new EngineOptions { AccountId = "111111111111", Region = "us-east-1", Partition = "aws" })
        .AddTaskHandler("arn:aws:states:::sqs:sendMessage*", _ => JsonObject.Create(("MessageId", JsonValue.From(Guid.NewGuid().ToString()))))
        .Build();
}
