using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;

namespace StepFlow.StateMachines;

/// <summary>
/// The state machines an engine knows, by ARN: those added on the builder and those created at run time. A lookup
/// is one lock-free read; an execution keeps the machine it started with when the machine is updated or deleted.
/// </summary>
internal sealed class StateMachineRegistry
{
    private readonly ConcurrentDictionary<string, RegisteredStateMachine> _byArn = new(StringComparer.Ordinal);

    public StateMachineRegistry(IEnumerable<RegisteredStateMachine> machines)
    {
        foreach (var machine in machines)
        {
            if (!_byArn.TryAdd(machine.Arn, machine))
            {
                throw new ArgumentException($"A state machine named '{machine.Name}' is registered twice.", nameof(machines));
            }
        }
    }

    public IEnumerable<RegisteredStateMachine> All => _byArn.Values;

    public bool TryGet(string arn, [NotNullWhen(true)] out RegisteredStateMachine? machine) =>
        _byArn.TryGetValue(arn, out machine);

    /// <summary>Adds <paramref name="machine"/>, or returns the one already under its ARN.</summary>
    public RegisteredStateMachine GetOrAdd(RegisteredStateMachine machine) => _byArn.GetOrAdd(machine.Arn, machine);

    /// <summary>Replaces <paramref name="current"/> with <paramref name="updated"/> unless another update came first.</summary>
    public bool TryReplace(RegisteredStateMachine current, RegisteredStateMachine updated) =>
        _byArn.TryUpdate(current.Arn, updated, current);

    public bool TryRemove(string arn) => _byArn.TryRemove(arn, out _);
}
