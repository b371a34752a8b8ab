using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using StepFlow;
using StepFlow.Hosting;
using StepFlow.Persistence;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers StepFlow in a service collection: <c>services.AddStepFlow(b => ...)</c>.</summary>
public static class StepFlowServiceCollectionExtensions
{
    /// <summary>
    /// Registers a <see cref="StepFlowEngine"/> (singleton; the execution API: StartExecution, SendTaskSuccess, ...), its
    /// <see cref="IExecutionStore"/>, <see cref="StepFlowOptions"/> and the hosted <see cref="StepFlowWorker"/>, and lets
    /// <paramref name="configure"/> add handlers and state machines. Settings come from the configuration section
    /// <c>"StepFlow"</c> when an <see cref="IConfiguration"/> is registered (a generic host or ASP.NET Core registers one).
    /// Calling it again adds to the same engine.
    /// </summary>
    public static StepFlowBuilder AddStepFlow(this IServiceCollection services, Action<StepFlowBuilder>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var registrations = FindRegistrations(services);
        if (registrations is null)
        {
            registrations = new StepFlowRegistrations();
            services.AddSingleton(registrations);
            services.AddOptions<StepFlowOptions>().Configure<IServiceProvider>(BindConfiguration);
            services.TryAddSingleton(StepFlowEngineFactory.CreateStore);
            services.TryAddSingleton(StepFlowEngineFactory.CreateEngine);
            services.TryAddSingleton<StepFlowWorker>();
            services.AddHostedService(provider => provider.GetRequiredService<StepFlowWorker>());
        }

        var builder = new StepFlowBuilder(services, registrations);
        configure?.Invoke(builder);
        return builder;
    }

    private static StepFlowRegistrations? FindRegistrations(IServiceCollection services)
    {
        foreach (var descriptor in services)
        {
            if (descriptor.ServiceType == typeof(StepFlowRegistrations) && !descriptor.IsKeyedService)
            {
                return (StepFlowRegistrations?)descriptor.ImplementationInstance;
            }
        }

        return null;
    }

    private static void BindConfiguration(StepFlowOptions options, IServiceProvider services)
    {
        if (services.GetService<IConfiguration>() is { } configuration)
        {
            configuration.GetSection(StepFlowOptions.SectionName).Bind(options);
        }
    }
}
