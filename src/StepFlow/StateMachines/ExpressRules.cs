using System.Collections.Immutable;
using StepFlow.Definition;
using StepFlow.Definition.States;
using StepFlow.Parsing;
using StepFlow.Tasks;

namespace StepFlow.StateMachines;

/// <summary>
/// What an Express state machine may not contain (AWS rejects it at create time): activities, <c>.sync</c> and
/// <c>.waitForTaskToken</c> resources, in any branch or item processor.
/// </summary>
public static class ExpressRules
{
    /// <summary>One SCHEMA_VALIDATION_FAILED error per offending Task state, located at its Resource.</summary>
    public static ImmutableArray<Diagnostic> Check(StateMachine machine)
    {
        ArgumentNullException.ThrowIfNull(machine);
        var found = ImmutableArray.CreateBuilder<Diagnostic>();
        Visit(machine.Graph, found);
        return found.ToImmutable();
    }

    private static void Visit(StateGraph graph, ImmutableArray<Diagnostic>.Builder found)
    {
        foreach (var state in graph.States.Values)
        {
            switch (state)
            {
                case TaskState task when task.Pattern != IntegrationPattern.RequestResponse:
                    var what = task.Pattern switch
                    {
                        IntegrationPattern.Activity => "activities",
                        IntegrationPattern.Sync => "the .sync service integration pattern",
                        _ => "the .waitForTaskToken service integration pattern",
                    };
                    found.Add(Diagnostic.Error(
                        DiagnosticCodes.SchemaValidationFailed,
                        $"Express state machine does not support {what} (Resource '{task.Resource}').",
                        task.Pointer + "/Resource"));
                    break;
                case ParallelState parallel:
                    foreach (var branch in parallel.Branches)
                    {
                        Visit(branch, found);
                    }

                    break;
                case MapState map:
                    Visit(map.ItemProcessor, found);
                    break;
            }
        }
    }
}
