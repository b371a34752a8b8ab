namespace StepFlow.Fuzz.Targets;

/// <summary>
/// One fuzz target: runs one input against a part of the engine, catching only the errors that part
/// documents for bad input. Anything else (another exception, a broken invariant) escapes and is a crash.
/// </summary>
internal interface IFuzzTarget
{
    /// <summary>The name used on the command line and in docs/fuzzing.md.</summary>
    string Name { get; }

    /// <summary>Runs one input (arbitrary bytes, read as UTF-8 text).</summary>
    void Run(ReadOnlySpan<byte> input);
}
