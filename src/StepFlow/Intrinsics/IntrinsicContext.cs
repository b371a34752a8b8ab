using StepFlow.Paths;

namespace StepFlow.Intrinsics;

/// <summary>What an evaluation reads: the path scope and the source of randomness.</summary>
internal readonly struct IntrinsicContext
{
    private readonly IntrinsicEnvironment _environment;

    public IntrinsicContext(in PathScope scope, IntrinsicEnvironment environment)
    {
        Scope = scope;
        _environment = environment;
    }

    public PathScope Scope { get; }

    /// <summary>
    /// Where random numbers and UUIDs come from: the environment given, unless it is the default and the scope belongs to
    /// an execution with a seeded source (an engine built with <c>UseRandomSeed</c>), which then serves them.
    /// </summary>
    public IntrinsicEnvironment Environment =>
        ReferenceEquals(_environment, IntrinsicEnvironment.Default) && Scope.Random is { } seeded ? new IntrinsicEnvironment(seeded) : _environment;
}
