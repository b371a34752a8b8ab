using System.Collections.Frozen;

namespace StepFlow.Server;

/// <summary>The operations the endpoint answers, by the name after <c>AWSStepFunctions.</c> in <c>X-Amz-Target</c>.</summary>
internal static class OperationTable
{
    public static FrozenDictionary<string, Operation> Operations { get; } = new Dictionary<string, Operation>(StringComparer.Ordinal)
    {
        ["CreateStateMachine"] = StateMachineOperations.CreateStateMachine,
        ["DescribeStateMachine"] = StateMachineOperations.DescribeStateMachine,
        ["UpdateStateMachine"] = StateMachineOperations.UpdateStateMachine,
        ["DeleteStateMachine"] = StateMachineOperations.DeleteStateMachine,
        ["ListStateMachines"] = StateMachineOperations.ListStateMachines,
        ["ValidateStateMachineDefinition"] = StateMachineOperations.ValidateStateMachineDefinition,
        ["DescribeStateMachineForExecution"] = StateMachineOperations.DescribeStateMachineForExecution,
        ["StartExecution"] = ExecutionOperations.StartExecution,
        ["StartSyncExecution"] = ExecutionOperations.StartSyncExecution,
        ["DescribeExecution"] = ExecutionOperations.DescribeExecution,
        ["ListExecutions"] = ExecutionOperations.ListExecutions,
        ["StopExecution"] = ExecutionOperations.StopExecution,
        ["RedriveExecution"] = ExecutionOperations.RedriveExecution,
        ["GetExecutionHistory"] = HistoryOperations.GetExecutionHistory,
        ["SendTaskSuccess"] = CallbackOperations.SendTaskSuccess,
        ["SendTaskFailure"] = CallbackOperations.SendTaskFailure,
        ["SendTaskHeartbeat"] = CallbackOperations.SendTaskHeartbeat,
        ["GetActivityTask"] = CallbackOperations.GetActivityTask,
        ["TestState"] = TestStateOperation.TestState,
    }.ToFrozenDictionary(StringComparer.Ordinal);
}
