namespace StepFlow.Tasks;

/// <summary>A handler bound to a Resource pattern; <paramref name="Blocking"/> when it was registered as blocking.</summary>
internal sealed record TaskHandlerRegistration(string Pattern, ITaskHandler Handler, bool Blocking = false);
