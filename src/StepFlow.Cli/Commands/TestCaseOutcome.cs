using StepFlow.Testing;

namespace StepFlow.Cli.Commands;

/// <summary>One test case's run in <c>stepflow test</c>: its name, what it did and how long it took on the wall clock.</summary>
internal sealed record TestCaseOutcome(string Name, TestRunResult Result, TimeSpan WallTime);
