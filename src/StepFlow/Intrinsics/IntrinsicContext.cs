using StepFlow.Paths;

namespace StepFlow.Intrinsics;

/// <summary>What an evaluation reads: the path scope and the source of randomness.</summary>
internal readonly struct IntrinsicContext
{
    public IntrinsicContext(in PathScope scope, IntrinsicEnvironment environment)
    {
        Scope = scope;
        Environment = environment;
    }

    public PathScope Scope { get; }

    public IntrinsicEnvironment Environment { get; }
}
