using System.Collections.Frozen;

namespace StepFlow.StateMachines;

/// <summary>The state machines an engine knows, by ARN.</summary>
internal sealed class StateMachineRegistry
{
    private readonly FrozenDictionary<string, RegisteredStateMachine> _byArn;

    public StateMachineRegistry(IEnumerable<RegisteredStateMachine> machines)
    {
        var byArn = new Dictionary<string, RegisteredStateMachine>(StringComparer.Ordinal);
        foreach (var machine in machines)
        {
            if (!byArn.TryAdd(machine.Arn, machine))
            {
                throw new ArgumentException($"A state machine named '{machine.Name}' is registered twice.", nameof(machines));
            }
        }

        _byArn = byArn.ToFrozenDictionary(StringComparer.Ordinal);
    }

    public IEnumerable<RegisteredStateMachine> All => _byArn.Values;

    public bool TryGet(string arn, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out RegisteredStateMachine? machine) =>
        _byArn.TryGetValue(arn, out machine);
}
