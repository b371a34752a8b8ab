namespace StepFlow.Tests.Architecture;

/// <summary>
/// Built-in integrations (lambda:invoke, startExecution, the HTTP Task, activities) are registered handlers or
/// integrations like a user's: the dispatcher and the task runner name none of them, nor what only one of them uses.
/// </summary>
public sealed class BuiltInIntegrationTests
{
    /// <summary>Types only one built-in integration has any business with.</summary>
    private static readonly string[] IntegrationOnlyTypes =
    [
        "StepFlow.Execution.Callbacks.ActivityRegistry",
        "StepFlow.Execution.Callbacks.ActivityQueue",
    ];

    [Fact]
    public void Dispatch_NamesNoBuiltInIntegration()
    {
        var references = NamespaceGraph.Read(typeof(StepFlowEngine).Assembly.Location)
            .Where(r => r.FromNamespace == "StepFlow.Execution.Dispatch")
            .ToList();
        references.Should().NotBeEmpty();

        references
            .Where(r => r.ToNamespace.StartsWith("StepFlow.Integrations", StringComparison.Ordinal)
                || IntegrationOnlyTypes.Any(t => r.ToType.StartsWith(t, StringComparison.Ordinal)))
            .Select(r => r.ToString())
            .Should().BeEmpty("the dispatcher finds every Resource's server among the registered handlers and integrations");
    }
}
