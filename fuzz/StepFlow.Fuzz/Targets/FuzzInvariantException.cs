namespace StepFlow.Fuzz.Targets;

/// <summary>A documented promise broken by an input (for example a failed parse without an error): reported as a crash.</summary>
internal sealed class FuzzInvariantException(string message) : Exception(message);
