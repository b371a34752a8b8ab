using Microsoft.Extensions.DependencyInjection;
using StepFlow.Json;
using StepFlow.Tasks;

namespace StepFlow.Hosting;

/// <summary>
/// A task handler taken from the container for each invocation, in a scope of its own that ends with the invocation (so a
/// scoped <c>DbContext</c> the handler takes is never shared between two tasks).
/// </summary>
internal sealed class ScopedTaskHandler<THandler>(IServiceScopeFactory scopes) : ITaskHandler
    where THandler : class, ITaskHandler
{
    public async ValueTask<JsonValue> InvokeAsync(TaskInvocation invocation, CancellationToken cancellationToken)
    {
        var scope = scopes.CreateAsyncScope();
        await using (scope.ConfigureAwait(false))
        {
            var handler = scope.ServiceProvider.GetRequiredService<THandler>();
            return await handler.InvokeAsync(invocation, cancellationToken).ConfigureAwait(false);
        }
    }
}
