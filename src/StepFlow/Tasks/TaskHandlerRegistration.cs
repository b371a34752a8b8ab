namespace StepFlow.Tasks;

/// <summary>A handler bound to a Resource pattern.</summary>
internal sealed record TaskHandlerRegistration(string Pattern, ITaskHandler Handler);
