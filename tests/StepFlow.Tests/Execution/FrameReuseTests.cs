using StepFlow.Execution;
using StepFlow.Json;
using StepFlow.Parsing;
using StepFlow.Variables;

namespace StepFlow.Tests.Execution;

/// <summary>A finished child frame is reused for the next child only where nothing else names it: never in a durable run, never across runs.</summary>
public sealed class FrameReuseTests
{
    private static readonly StateMachine Machine = StateMachine.Parse("""{"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}}""");

    [Fact]
    public void ReuseAsChildOf_NonDurableFrameOfTheSameRun_IsTheSameFrameStartingAfresh()
    {
        var run = NewRun();
        var parent = new Frame(run, VariableScope.Empty);
        var child = parent.CreateChild();
        child.NextVisit();

        var reused = child.ReuseAsChildOf(parent);

        reused.Should().BeSameAs(child);
        reused.CurrentVisit.Should().Be(-1);
    }

    [Fact]
    public void ReuseAsChildOf_DurableFrame_Throws()
    {
        var run = NewRun();
        var parent = new Frame(run, VariableScope.Empty, scope: string.Empty);
        var child = parent.CreateChild('i', 0, 0);

        var reuse = () => child.ReuseAsChildOf(parent);

        reuse.Should().Throw<InvalidOperationException>();
    }

    [Fact]
    public void ReuseAsChildOf_ParentOfAnotherRun_Throws()
    {
        var child = new Frame(NewRun(), VariableScope.Empty).CreateChild();
        var otherParent = new Frame(NewRun(), VariableScope.Empty);

        var reuse = () => child.ReuseAsChildOf(otherParent);

        reuse.Should().Throw<InvalidOperationException>();
    }

    private static RunContext NewRun() =>
        new(StepFlowEngine.CreateBuilder().Build().Runtime, Machine, JsonObject.Empty, ExecutionOptions.Default);
}
