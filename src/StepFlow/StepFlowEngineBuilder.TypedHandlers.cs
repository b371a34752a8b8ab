using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using StepFlow.Tasks;

namespace StepFlow;

/// <content>Task handlers written against .NET types, serialized with System.Text.Json.</content>
public sealed partial class StepFlowEngineBuilder
{
    /// <summary>
    /// Binds Task states whose Resource matches <paramref name="resourcePattern"/> (as
    /// <see cref="AddTaskHandler(string, ITaskHandler)"/>) to a handler written against .NET types: the task input is
    /// deserialized to <typeparamref name="TIn"/> with <paramref name="inputType"/>, and the <typeparamref name="TOut"/>
    /// the handler returns is serialized back with <paramref name="outputType"/> to become the task result. Give the
    /// metadata of a source-generated <see cref="JsonSerializerContext"/> (<c>MyContext.Default.Order</c>) and nothing
    /// needs reflection: this overload is safe to trim and to compile ahead of time.
    /// </summary>
    /// <remarks>
    /// Input that does not fit <typeparamref name="TIn"/> fails the task with <c>States.TaskFailed</c> and a cause naming
    /// the type and the JSON path (<c>The input of state 'Charge' cannot be read as MyApp.Order at JSON path
    /// $.quantity: …</c>), as does a result that cannot be serialized; Retry and Catch see them like any task failure.
    /// Exceptions the handler throws are reported as for any handler (a <see cref="Errors.StatesErrorException"/> keeps its
    /// error name). The handler runs on the execution's thread until its task yields: see
    /// <see cref="AddTaskHandler(string, ITaskHandler)"/> for the contract.
    /// </remarks>
    public StepFlowEngineBuilder AddTaskHandler<TIn, TOut>(
        string resourcePattern,
        Func<TIn, CancellationToken, Task<TOut>> handler,
        JsonTypeInfo<TIn> inputType,
        JsonTypeInfo<TOut> outputType)
    {
        ArgumentNullException.ThrowIfNull(handler);
        ArgumentNullException.ThrowIfNull(inputType);
        ArgumentNullException.ThrowIfNull(outputType);
        return AddTaskHandler(resourcePattern, new TypedTaskHandler<TIn, TOut>(handler, inputType, outputType));
    }

    /// <summary>
    /// <see cref="AddTaskHandler{TIn, TOut}(string, Func{TIn, CancellationToken, Task{TOut}}, JsonTypeInfo{TIn}, JsonTypeInfo{TOut})"/>
    /// with the metadata of <typeparamref name="TIn"/> and <typeparamref name="TOut"/> taken from a source-generated
    /// <paramref name="context"/>, which must know both types.
    /// </summary>
    /// <exception cref="ArgumentException">The context has no metadata for one of the types.</exception>
    public StepFlowEngineBuilder AddTaskHandler<TIn, TOut>(
        string resourcePattern,
        Func<TIn, CancellationToken, Task<TOut>> handler,
        JsonSerializerContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return AddTaskHandler(resourcePattern, handler, TypeInfo<TIn>(context), TypeInfo<TOut>(context));
    }

    /// <summary>
    /// <see cref="AddTaskHandler{TIn, TOut}(string, Func{TIn, CancellationToken, Task{TOut}}, JsonTypeInfo{TIn}, JsonTypeInfo{TOut})"/>
    /// with the metadata resolved, once, here, from <paramref name="options"/> (its naming policy, converters and
    /// <see cref="JsonSerializerOptions.TypeInfoResolver"/>; options without a resolver use reflection, as
    /// <see cref="JsonSerializer"/> does). For trimmed or AOT-compiled applications, pass a source-generated
    /// <see cref="JsonSerializerContext"/> or its <see cref="JsonTypeInfo{T}"/> instead.
    /// </summary>
    /// <exception cref="NotSupportedException">The options' resolver has no metadata for one of the types.</exception>
    [RequiresUnreferencedCode("Options without a TypeInfoResolver use reflection-based serialization. Use the JsonTypeInfo or JsonSerializerContext overload when trimming.")]
    [RequiresDynamicCode("Options without a TypeInfoResolver use reflection-based serialization. Use the JsonTypeInfo or JsonSerializerContext overload for AOT.")]
    public StepFlowEngineBuilder AddTaskHandler<TIn, TOut>(
        string resourcePattern,
        Func<TIn, CancellationToken, Task<TOut>> handler,
        JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var resolved = options.TypeInfoResolver is null
            ? new JsonSerializerOptions(options) { TypeInfoResolver = new DefaultJsonTypeInfoResolver() }
            : options;
        return AddTaskHandler(
            resourcePattern,
            handler,
            (JsonTypeInfo<TIn>)resolved.GetTypeInfo(typeof(TIn)),
            (JsonTypeInfo<TOut>)resolved.GetTypeInfo(typeof(TOut)));
    }

    private static JsonTypeInfo<T> TypeInfo<T>(JsonSerializerContext context) =>
        context.GetTypeInfo(typeof(T)) as JsonTypeInfo<T>
        ?? throw new ArgumentException(
            $"The JsonSerializerContext {context.GetType().Name} has no metadata for {ClrTypeName.Of(typeof(T))}: add [JsonSerializable(typeof(...))] for it.",
            nameof(context));
}
