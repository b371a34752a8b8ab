namespace StepFlow.Cli;

/// <summary>One verb of the <c>stepflow</c> command.</summary>
public interface ICommand
{
    /// <summary>The verb, e.g. <c>run</c>.</summary>
    string Name { get; }

    /// <summary>The usage lines of this verb.</summary>
    string Usage { get; }

    /// <summary>Runs the verb with the arguments after it; returns the exit code.</summary>
    Task<int> RunAsync(IReadOnlyList<string> args, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken);
}
