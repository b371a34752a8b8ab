using StepFlow.Variables;

namespace StepFlow.Execution;

/// <summary>One running graph (the machine, a Parallel branch or a Map iteration) and its variables.</summary>
internal sealed class Frame
{
    public Frame(RunContext run, VariableScope variables)
    {
        Run = run;
        Variables = variables;
    }

    public RunContext Run { get; }

    public VariableScope Variables { get; set; }

    public Frame CreateChild() => new(Run, Variables.CreateChild());
}
