using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace StepFlow.Hosting;

/// <content>Task handlers written against .NET types (System.Text.Json), with their services from the container.</content>
public sealed partial class StepFlowBuilder
{
    /// <summary>
    /// Binds Task states whose Resource matches <paramref name="resourcePattern"/> to <paramref name="handler"/>, called
    /// with a new scope's service provider for each invocation: the task input is deserialized to <typeparamref name="TIn"/>
    /// with <paramref name="inputType"/>, the result serialized back with <paramref name="outputType"/> (as
    /// <see cref="StepFlowEngineBuilder.AddTaskHandler{TIn, TOut}(string, Func{TIn, CancellationToken, Task{TOut}}, JsonTypeInfo{TIn}, JsonTypeInfo{TOut})"/>:
    /// input that does not fit fails the task with <c>States.TaskFailed</c> naming the type and the JSON path).
    /// </summary>
    public StepFlowBuilder AddTaskHandler<TIn, TOut>(
        string resourcePattern,
        Func<IServiceProvider, TIn, CancellationToken, Task<TOut>> handler,
        JsonTypeInfo<TIn> inputType,
        JsonTypeInfo<TOut> outputType)
    {
        ArgumentException.ThrowIfNullOrEmpty(resourcePattern);
        ArgumentNullException.ThrowIfNull(handler);
        ArgumentNullException.ThrowIfNull(inputType);
        ArgumentNullException.ThrowIfNull(outputType);
        _registrations.Add((services, engine) =>
        {
            var scopes = services.GetRequiredService<IServiceScopeFactory>();
            engine.AddTaskHandler(resourcePattern, (input, ct) => InScopeAsync(scopes, handler, input, ct), inputType, outputType);
        });
        return this;
    }

    /// <summary>
    /// <see cref="AddTaskHandler{TIn, TOut}(string, Func{IServiceProvider, TIn, CancellationToken, Task{TOut}}, JsonTypeInfo{TIn}, JsonTypeInfo{TOut})"/>
    /// with both types' metadata from a source-generated <paramref name="context"/> (safe to trim and compile ahead of time).
    /// </summary>
    /// <exception cref="ArgumentException">The context has no metadata for one of the types.</exception>
    public StepFlowBuilder AddTaskHandler<TIn, TOut>(
        string resourcePattern,
        Func<IServiceProvider, TIn, CancellationToken, Task<TOut>> handler,
        JsonSerializerContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return AddTaskHandler(resourcePattern, handler, TypeInfo<TIn>(context), TypeInfo<TOut>(context));
    }

    /// <summary>
    /// <see cref="AddTaskHandler{TIn, TOut}(string, Func{IServiceProvider, TIn, CancellationToken, Task{TOut}}, JsonTypeInfo{TIn}, JsonTypeInfo{TOut})"/>
    /// with the metadata resolved from <paramref name="options"/> (<see cref="JsonSerializerOptions.Web"/> when null;
    /// reflection-based when the options have no resolver).
    /// </summary>
    [RequiresUnreferencedCode("Options without a TypeInfoResolver use reflection-based serialization. Use the JsonTypeInfo or JsonSerializerContext overload when trimming.")]
    [RequiresDynamicCode("Options without a TypeInfoResolver use reflection-based serialization. Use the JsonTypeInfo or JsonSerializerContext overload for AOT.")]
    public StepFlowBuilder AddTaskHandler<TIn, TOut>(
        string resourcePattern,
        Func<IServiceProvider, TIn, CancellationToken, Task<TOut>> handler,
        JsonSerializerOptions? options = null)
    {
        var resolved = ResolverOptions(options);
        return AddTaskHandler(
            resourcePattern,
            handler,
            (JsonTypeInfo<TIn>)resolved.GetTypeInfo(typeof(TIn)),
            (JsonTypeInfo<TOut>)resolved.GetTypeInfo(typeof(TOut)));
    }

    /// <summary>
    /// Binds Task states whose Resource matches <paramref name="resourcePattern"/> to <typeparamref name="THandler"/>, taken
    /// from the container in a new scope for each invocation (registered as scoped unless it is registered already), with
    /// both types' metadata from a source-generated <paramref name="context"/>.
    /// </summary>
    public StepFlowBuilder AddTaskHandler<THandler, TIn, TOut>(string resourcePattern, JsonSerializerContext context)
        where THandler : class, ITaskHandler<TIn, TOut>
    {
        Services.TryAddScoped<THandler>();
        return AddTaskHandler<TIn, TOut>(resourcePattern, InvokeHandler<THandler, TIn, TOut>, context);
    }

    /// <summary>
    /// Binds Task states whose Resource matches <paramref name="resourcePattern"/> to <typeparamref name="THandler"/>, taken
    /// from the container in a new scope for each invocation (registered as scoped unless it is registered already), with
    /// the types' metadata from <paramref name="options"/> (<see cref="JsonSerializerOptions.Web"/> when null).
    /// </summary>
    [RequiresUnreferencedCode("Options without a TypeInfoResolver use reflection-based serialization. Use the JsonSerializerContext overload when trimming.")]
    [RequiresDynamicCode("Options without a TypeInfoResolver use reflection-based serialization. Use the JsonSerializerContext overload for AOT.")]
    public StepFlowBuilder AddTaskHandler<THandler, TIn, TOut>(string resourcePattern, JsonSerializerOptions? options = null)
        where THandler : class, ITaskHandler<TIn, TOut>
    {
        Services.TryAddScoped<THandler>();
        return AddTaskHandler<TIn, TOut>(resourcePattern, InvokeHandler<THandler, TIn, TOut>, options);
    }

    private static Task<TOut> InvokeHandler<THandler, TIn, TOut>(IServiceProvider services, TIn input, CancellationToken cancellationToken)
        where THandler : class, ITaskHandler<TIn, TOut> =>
        services.GetRequiredService<THandler>().InvokeAsync(input, cancellationToken);

    private static async Task<TOut> InScopeAsync<TIn, TOut>(
        IServiceScopeFactory scopes, Func<IServiceProvider, TIn, CancellationToken, Task<TOut>> handler, TIn input, CancellationToken cancellationToken)
    {
        var scope = scopes.CreateAsyncScope();
        await using (scope.ConfigureAwait(false))
        {
            return await handler(scope.ServiceProvider, input, cancellationToken).ConfigureAwait(false);
        }
    }

    [RequiresUnreferencedCode("Reflection-based serialization.")]
    [RequiresDynamicCode("Reflection-based serialization.")]
    private static JsonSerializerOptions ResolverOptions(JsonSerializerOptions? options)
    {
        options ??= JsonSerializerOptions.Web;
        return options.TypeInfoResolver is null
            ? new JsonSerializerOptions(options) { TypeInfoResolver = new DefaultJsonTypeInfoResolver() }
            : options;
    }

    private static JsonTypeInfo<T> TypeInfo<T>(JsonSerializerContext context) =>
        context.GetTypeInfo(typeof(T)) as JsonTypeInfo<T>
        ?? throw new ArgumentException($"The JsonSerializerContext {context.GetType().Name} has no metadata for {typeof(T)}.", nameof(context));
}
