using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StepFlow.Persistence;
using StepFlow.Sqlite;

namespace StepFlow.Hosting;

/// <summary>Builds the container's engine and store from <see cref="StepFlowOptions"/> and the builder's registrations.</summary>
internal static class StepFlowEngineFactory
{
    public static StepFlowEngine CreateEngine(IServiceProvider services)
    {
        var options = services.GetRequiredService<IOptions<StepFlowOptions>>().Value;
        var builder = StepFlowEngine.CreateBuilder()
            .UseOptions(options.Engine)
            .UseTimeProvider(services.GetService<TimeProvider>() ?? TimeProvider.System)
            .UseExecutionStore(services.GetRequiredService<IExecutionStore>());

        // The engine logs through the container's logging (a host registers an ILoggerFactory); traces and metrics need
        // nothing here: the engine's ActivitySource and Meter named "StepFlow" are global, an OpenTelemetry host adds them
        // with AddSource("StepFlow") and AddMeter("StepFlow").
        if (services.GetService<ILoggerFactory>() is { } loggerFactory)
        {
            builder.UseLoggerFactory(loggerFactory);
        }

        if (options.AllowedTaskResources.Count > 0)
        {
            builder.AllowTaskResources([.. options.AllowedTaskResources]);
        }

        foreach (var (name, file) in options.StateMachines)
        {
            if (string.IsNullOrEmpty(file.Path))
            {
                throw new InvalidOperationException(
                    $"StepFlow configuration: '{StepFlowOptions.SectionName}:StateMachines:{name}:Path' is required (the definition file of state machine '{name}').");
            }

            builder.AddStateMachine(name, StateMachineSources.FromFile(name, FromContentRoot(services, file.Path)), file.Type);
        }

        services.GetRequiredService<StepFlowRegistrations>().ApplyTo(services, builder);
        return builder.Build();
    }

    /// <summary>A relative path from configuration is relative to the host's content root (the current directory without a host).</summary>
    public static string FromContentRoot(IServiceProvider services, string path) =>
        services.GetService<IHostEnvironment>()?.ContentRootPath is { Length: > 0 } root ? Path.Combine(root, path) : path;

    public static IExecutionStore CreateStore(IServiceProvider services)
    {
        var store = services.GetRequiredService<IOptions<StepFlowOptions>>().Value.Store;
        switch (store.Kind)
        {
            case StepFlowStoreKind.InMemory:
                return new InMemoryExecutionStore();
            case StepFlowStoreKind.Sqlite:
                if (string.IsNullOrWhiteSpace(store.Path))
                {
                    throw new InvalidOperationException(
                        $"StepFlow configuration: '{StepFlowOptions.SectionName}:Store:Path' is required when '{StepFlowOptions.SectionName}:Store:Kind' is Sqlite (the database file).");
                }

                var sqlite = SqliteStoreOptions.Default;
                if (store.Synchronous is { } synchronous)
                {
                    sqlite = sqlite with { Synchronous = synchronous };
                }

                if (store.BusyTimeout is { } busyTimeout)
                {
                    sqlite = sqlite with { BusyTimeout = busyTimeout };
                }

                return new SqliteExecutionStore(FromContentRoot(services, store.Path), sqlite);
            default:
                throw new InvalidOperationException(
                    $"StepFlow configuration: '{StepFlowOptions.SectionName}:Store:Kind' is {store.Kind}; it must be InMemory or Sqlite.");
        }
    }
}
