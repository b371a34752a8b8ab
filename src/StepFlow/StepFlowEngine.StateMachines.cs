using StepFlow.Parsing;
using StepFlow.Parsing.Validation;
using StepFlow.Service;
using StepFlow.StateMachines;

namespace StepFlow;

/// <content>
/// The state machine API at run time (AWS's CreateStateMachine, DescribeStateMachine, UpdateStateMachine and
/// DeleteStateMachine): machines created here run like those added on the builder. They are kept in memory, not in
/// the execution store; an execution keeps the definition it started with when its machine is updated or deleted.
/// </content>
public sealed partial class StepFlowEngine
{
    /// <summary>
    /// Creates the state machine <paramref name="name"/> (AWS's CreateStateMachine). Creating a machine that exists
    /// with the same definition, type and role returns the existing one, as AWS does.
    /// </summary>
    /// <param name="name">The name (1–80 characters, AWS's naming rules).</param>
    /// <param name="definition">The definition's JSON text, kept as given.</param>
    /// <param name="type">Standard or Express.</param>
    /// <param name="roleArn">The role executions would assume; kept and described, not used.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The registered machine.</returns>
    /// <exception cref="ExecutionApiException">
    /// <see cref="ExecutionApiErrorCodes.InvalidName"/>, <see cref="ExecutionApiErrorCodes.InvalidDefinition"/> (every
    /// error-level diagnostic, with its code and location), <see cref="ExecutionApiErrorCodes.StateMachineAlreadyExists"/>.
    /// </exception>
    public Task<RegisteredStateMachine> CreateStateMachineAsync(
        string name, string definition, StateMachineType type = StateMachineType.Standard, string? roleArn = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(definition);
        cancellationToken.ThrowIfCancellationRequested();
        if (!ResourceNames.IsValid(name, out _))
        {
            throw new ExecutionApiException(ExecutionApiErrorCodes.InvalidName, $"Invalid Name: '{name}'");
        }

        var machine = ParseDefinition(definition, type);
        var arn = $"arn:{Options.Partition}:states:{Options.Region}:{Options.AccountId}:stateMachine:{name}";
        var created = new RegisteredStateMachine(name, arn, machine, type, definition, roleArn, TimeProvider.GetUtcNow(), null, null);
        var registered = Executions.Machines.GetOrAdd(created);
        if (!ReferenceEquals(registered, created) &&
            (registered.Type != type || !string.Equals(registered.Definition, definition, StringComparison.Ordinal) ||
             !string.Equals(registered.RoleArn, roleArn, StringComparison.Ordinal)))
        {
            throw new ExecutionApiException(ExecutionApiErrorCodes.StateMachineAlreadyExists, $"State Machine Already Exists: '{arn}'");
        }

        return Task.FromResult(registered);
    }

    /// <summary>The state machine <paramref name="stateMachineArn"/> (AWS's DescribeStateMachine).</summary>
    /// <exception cref="ExecutionApiException">
    /// <see cref="ExecutionApiErrorCodes.InvalidArn"/>, <see cref="ExecutionApiErrorCodes.StateMachineDoesNotExist"/>.
    /// </exception>
    public Task<RegisteredStateMachine> DescribeStateMachineAsync(string stateMachineArn, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(FindStateMachine(stateMachineArn));
    }

    /// <summary>
    /// Replaces the definition and/or role of <paramref name="stateMachineArn"/> (AWS's UpdateStateMachine). Executions
    /// started before keep the definition they started with; the update gets a new <see cref="RegisteredStateMachine.RevisionId"/>.
    /// </summary>
    /// <exception cref="ExecutionApiException">
    /// <see cref="ExecutionApiErrorCodes.MissingRequiredParameter"/> when neither is given, <see cref="ExecutionApiErrorCodes.InvalidArn"/>,
    /// <see cref="ExecutionApiErrorCodes.StateMachineDoesNotExist"/>, <see cref="ExecutionApiErrorCodes.InvalidDefinition"/>.
    /// </exception>
    public Task<RegisteredStateMachine> UpdateStateMachineAsync(
        string stateMachineArn, string? definition, string? roleArn, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (definition is null && roleArn is null)
        {
            throw new ExecutionApiException(
                ExecutionApiErrorCodes.MissingRequiredParameter,
                "Either the definition, the role ARN, the LoggingConfiguration, or the TracingConfiguration must be specified");
        }

        while (true)
        {
            var current = FindStateMachine(stateMachineArn);
            var machine = definition is null ? current.Machine : ParseDefinition(definition, current.Type);
            var updated = new RegisteredStateMachine(
                current.Name, current.Arn, machine, current.Type, definition ?? current.Definition, roleArn ?? current.RoleArn,
                current.CreationDate, TimeProvider.GetUtcNow(), Runtime.NewUuid().ToString());
            if (Executions.Machines.TryReplace(current, updated))
            {
                return Task.FromResult(updated);
            }
        }
    }

    /// <summary>
    /// Deletes <paramref name="stateMachineArn"/> (AWS's DeleteStateMachine): no new execution starts; running ones
    /// finish. Deleting a machine that does not exist succeeds, as in AWS.
    /// </summary>
    /// <exception cref="ExecutionApiException"><see cref="ExecutionApiErrorCodes.InvalidArn"/>.</exception>
    public Task DeleteStateMachineAsync(string stateMachineArn, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        CheckStateMachineArn(stateMachineArn);
        Executions.Machines.TryRemove(stateMachineArn);
        return Task.CompletedTask;
    }

    private RegisteredStateMachine FindStateMachine(string stateMachineArn)
    {
        CheckStateMachineArn(stateMachineArn);
        return Executions.Machines.TryGet(stateMachineArn, out var machine)
            ? machine
            : throw new ExecutionApiException(ExecutionApiErrorCodes.StateMachineDoesNotExist, $"State Machine Does Not Exist: '{stateMachineArn}'");
    }

    /// <summary>AWS's InvalidArn messages: a value that is no ARN, or an ARN of another resource type.</summary>
    private static void CheckStateMachineArn(string stateMachineArn)
    {
        ArgumentNullException.ThrowIfNull(stateMachineArn);
        if (!stateMachineArn.StartsWith("arn:", StringComparison.Ordinal))
        {
            throw new ExecutionApiException(ExecutionApiErrorCodes.InvalidArn, $"Invalid Arn: 'Invalid ARN prefix: {stateMachineArn}'");
        }

        var parts = stateMachineArn.Split(':');
        if (parts.Length < 7 || parts[2] != "states" || parts[5] != "stateMachine")
        {
            var resourceType = parts.Length > 5 ? parts[5] : string.Empty;
            throw new ExecutionApiException(ExecutionApiErrorCodes.InvalidArn, $"Invalid Arn: 'Resource type not valid in this context: {resourceType}'");
        }
    }

    private static StateMachine ParseDefinition(string definition, StateMachineType type)
    {
        var options = new ValidationOptions { StateMachineType = type, MinimumSeverity = DiagnosticSeverity.Error };
        if (StateMachine.TryParse(definition, options, out var machine, out var diagnostics))
        {
            return machine;
        }

        var problems = diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error)
            .Select(d => $"{d.Code}: {d.Message} at {(d.Location.Length == 0 ? "/" : d.Location)}");
        throw new ExecutionApiException(ExecutionApiErrorCodes.InvalidDefinition, $"Invalid State Machine Definition: '{string.Join(", ", problems)}'");
    }
}
