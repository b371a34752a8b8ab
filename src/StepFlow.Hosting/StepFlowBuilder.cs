using System.Reflection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using StepFlow.Parsing;
using StepFlow.Persistence;
using StepFlow.Tasks;

namespace StepFlow.Hosting;

/// <summary>
/// Configures the <see cref="StepFlowEngine"/> that <c>services.AddStepFlow(...)</c> registers: task handlers resolved from
/// the container, state machines, the store and the settings. The engine is built once, when first resolved (by the
/// hosted worker at the host's start), from everything registered here and the <see cref="StepFlowOptions"/>.
/// </summary>
public sealed partial class StepFlowBuilder
{
    private readonly StepFlowRegistrations _registrations;

    internal StepFlowBuilder(IServiceCollection services, StepFlowRegistrations registrations)
    {
        Services = services;
        _registrations = registrations;
    }

    /// <summary>The service collection the engine is registered in.</summary>
    public IServiceCollection Services { get; }

    /// <summary>Adjusts the <see cref="StepFlowOptions"/> after configuration is bound (code wins over appsettings).</summary>
    public StepFlowBuilder Configure(Action<StepFlowOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        Services.Configure(configure);
        return this;
    }

    /// <summary>
    /// Binds Task states whose Resource matches <paramref name="resourcePattern"/> (an ARN, or a pattern with <c>*</c>, as
    /// <see cref="StepFlowEngineBuilder.AddTaskHandler(string, ITaskHandler)"/> takes) to <typeparamref name="THandler"/>,
    /// taken from the container in a new scope for each invocation; its scope, and what it resolved there, is disposed
    /// when the invocation ends. <typeparamref name="THandler"/> is registered as scoped unless it is registered already.
    /// </summary>
    public StepFlowBuilder AddTaskHandler<THandler>(string resourcePattern)
        where THandler : class, ITaskHandler
    {
        ArgumentException.ThrowIfNullOrEmpty(resourcePattern);
        Services.TryAddScoped<THandler>();
        _registrations.Add((services, engine) => engine.AddTaskHandler(
            resourcePattern, new ScopedTaskHandler<THandler>(services.GetRequiredService<IServiceScopeFactory>())));
        return this;
    }

    /// <summary>Registers a state machine under <paramref name="name"/> (its ARN ends in <c>:stateMachine:</c><paramref name="name"/>).</summary>
    public StepFlowBuilder AddStateMachine(string name, StateMachine stateMachine, StateMachineType type = StateMachineType.Standard)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(stateMachine);
        _registrations.Add((_, engine) => engine.AddStateMachine(name, stateMachine, type));
        return this;
    }

    /// <summary>
    /// Registers a state machine read from the definition file <paramref name="path"/> (relative to the host's content
    /// root, or absolute) when the engine is built. A missing
    /// file or an invalid definition fails the build with an <see cref="InvalidOperationException"/> naming the state
    /// machine and the file (and, for an invalid definition, every problem with its JSON pointer).
    /// </summary>
    public StepFlowBuilder AddStateMachineFile(string name, string path, StateMachineType type = StateMachineType.Standard)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentException.ThrowIfNullOrEmpty(path);
        _registrations.Add((services, engine) =>
            engine.AddStateMachine(name, StateMachineSources.FromFile(name, StepFlowEngineFactory.FromContentRoot(services, path)), type));
        return this;
    }

    /// <summary>
    /// Registers a state machine read from the embedded resource <paramref name="resourceName"/> of
    /// <paramref name="assembly"/> when the engine is built. A missing resource or an invalid definition fails the build
    /// with an <see cref="InvalidOperationException"/> naming the state machine and the resource.
    /// </summary>
    public StepFlowBuilder AddStateMachineResource(string name, Assembly assembly, string resourceName, StateMachineType type = StateMachineType.Standard)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(assembly);
        ArgumentException.ThrowIfNullOrEmpty(resourceName);
        _registrations.Add((_, engine) => engine.AddStateMachine(name, StateMachineSources.FromResource(name, assembly, resourceName), type));
        return this;
    }

    /// <summary>Registers an activity that workers poll with <see cref="StepFlowEngine.GetActivityTaskAsync"/>.</summary>
    public StepFlowBuilder AddActivity(string activityArn)
    {
        ArgumentException.ThrowIfNullOrEmpty(activityArn);
        _registrations.Add((_, engine) => engine.AddActivity(activityArn));
        return this;
    }

    /// <summary>
    /// Uses the store <paramref name="factory"/> makes instead of the one <see cref="StepFlowStoreOptions"/> names. The
    /// container owns the store: it disposes it after the engine.
    /// </summary>
    public StepFlowBuilder UseExecutionStore(Func<IServiceProvider, IExecutionStore> factory)
    {
        ArgumentNullException.ThrowIfNull(factory);
        Services.Replace(ServiceDescriptor.Singleton(factory));
        return this;
    }

    /// <summary>
    /// Anything else the core's <see cref="StepFlowEngineBuilder"/> offers (HTTP tasks, resilience pipelines, blocking
    /// handlers), applied after the registrations made so far, with the container at hand.
    /// </summary>
    public StepFlowBuilder ConfigureEngine(Action<IServiceProvider, StepFlowEngineBuilder> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        _registrations.Add(configure);
        return this;
    }
}
