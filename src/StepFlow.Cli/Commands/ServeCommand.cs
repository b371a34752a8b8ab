using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using StepFlow.Persistence;
using StepFlow.Server;
using StepFlow.Sqlite;

namespace StepFlow.Cli.Commands;

/// <summary>
/// <c>stepflow serve</c>: the AWS Step Functions API (StepFlow.Server) on Kestrel, so AWS SDKs and the AWS CLI talk
/// to StepFlow; runs until Ctrl+C.
/// </summary>
public sealed class ServeCommand : ICommand
{
    /// <summary>The port Step Functions Local listens on, and so the default.</summary>
    public const int DefaultPort = 8083;

    /// <inheritdoc />
    public string Name => "serve";

    /// <inheritdoc />
    public string Usage =>
        "  stepflow serve [--port 8083] [--host 127.0.0.1] [--store memory|sqlite:<file>]\n"
        + "      Answers the AWS Step Functions API (AWS JSON 1.0) at http://<host>:<port>/ until Ctrl+C; --port 0 picks a free port.\n"
        + "      --store sqlite:<file> keeps executions and their history in the file, and resumes the unfinished ones at start.";

    /// <inheritdoc />
    public async Task<int> RunAsync(IReadOnlyList<string> args, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stdout);
        var line = CommandLine.Parse(args, [], ["--port", "--host", "--store"]);
        line.ExpectPositionals(0, "nothing");
        var port = Port(line.Get("--port"));
        var host = line.Get("--host") ?? "127.0.0.1";
        var storeFile = StoreFile(line.Get("--store"));

        await using var store = storeFile is null ? null : new SqliteExecutionStore(storeFile);
        var engineBuilder = StepFlowEngine.CreateBuilder();
        if (store is not null)
        {
            engineBuilder.UseExecutionStore(store);
        }

        await using var engine = engineBuilder.Build();
        if (store is not null)
        {
            var recovered = await engine.RecoverAsync(cancellationToken).ConfigureAwait(false);
            await stdout.WriteLineAsync($"Store {store.Path}: resumed {recovered.Resumed.Count} execution(s), {recovered.Unrecoverable.Count} could not resume.").ConfigureAwait(false);
        }

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole().SetMinimumLevel(LogLevel.Warning);
        builder.WebHost.UseKestrel().UseUrls(string.Create(CultureInfo.InvariantCulture, $"http://{host}:{port}"));
        builder.Services.AddSingleton(engine);
        await using var app = builder.Build();
        app.MapStepFunctionsApi();
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault();
        await stdout.WriteLineAsync($"StepFlow answers the AWS Step Functions API at {address}/ (store: {(storeFile is null ? "memory" : storeFile)}); Ctrl+C stops it.").ConfigureAwait(false);
        await stdout.FlushAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await Task.Delay(Timeout.Infinite, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }

        await app.StopAsync(CancellationToken.None).ConfigureAwait(false);
        await engine.ShutdownAsync(CancellationToken.None).ConfigureAwait(false);
        await stdout.WriteLineAsync("Stopped.").ConfigureAwait(false);
        return ExitCodes.Success;
    }

    private static int Port(string? value)
    {
        if (value is null)
        {
            return DefaultPort;
        }

        return int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port <= 65535
            ? port
            : throw new UsageException($"--port takes a port number from 0 to 65535, not '{value}'.");
    }

    /// <summary>The SQLite file of <c>--store sqlite:&lt;file&gt;</c>; null for <c>memory</c> (the default).</summary>
    private static string? StoreFile(string? value) => value switch
    {
        null or "memory" => null,
        _ when value.StartsWith("sqlite:", StringComparison.Ordinal) && value.Length > "sqlite:".Length => value["sqlite:".Length..],
        _ => throw new UsageException($"--store takes 'memory' or 'sqlite:<file>', not '{value}'."),
    };
}
