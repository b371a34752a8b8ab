using System.Collections.Immutable;

namespace StepFlow.Definition.States;

/// <summary>Runs every branch on the same input; its result is the array of branch outputs.</summary>
internal sealed class ParallelState : State
{
    internal ParallelState(
        StateCommon common,
        ImmutableArray<StateGraph> branches,
        PayloadTemplate? parameters,
        PayloadTemplate? resultSelector,
        ResultPathSpec resultPath,
        ImmutableArray<Retrier> retry,
        ImmutableArray<Catcher> catch_)
        : base(common)
    {
        Branches = branches;
        Parameters = parameters;
        ResultSelector = resultSelector;
        ResultPath = resultPath;
        Retry = retry;
        Catch = catch_;
    }

    /// <inheritdoc />
    public override StateType Type => StateType.Parallel;

    /// <summary>The branches.</summary>
    public ImmutableArray<StateGraph> Branches { get; }

    /// <summary>Parameters, if any.</summary>
    public PayloadTemplate? Parameters { get; }

    /// <summary>ResultSelector, if any.</summary>
    public PayloadTemplate? ResultSelector { get; }

    /// <summary>ResultPath.</summary>
    public ResultPathSpec ResultPath { get; }

    /// <summary>Retriers in order.</summary>
    public ImmutableArray<Retrier> Retry { get; }

    /// <summary>Catchers in order.</summary>
    public ImmutableArray<Catcher> Catch { get; }
}
