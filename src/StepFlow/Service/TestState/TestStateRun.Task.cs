using StepFlow.Definition;
using StepFlow.Definition.States;
using StepFlow.Errors;
using StepFlow.Execution;
using StepFlow.Execution.Dispatch;
using StepFlow.Json;
using StepFlow.Tasks;

namespace StepFlow.Service.TestState;

/// <content>Task: the mock, or the registered handler, in place of the service call.</content>
internal sealed partial class TestStateRun
{
    private async Task<TestStateResponse> RunTaskAsync(TaskState state, CancellationToken cancellationToken)
    {
        JsonataScope? scope = null;
        JsonValue result;
        try
        {
            JsonValue payload;
            if (state.Jsonata is { } jsonata)
            {
                scope = NewScope(_input);
                payload = jsonata.Arguments is { } arguments ? arguments.Evaluate(scope) : _input;
                _data.AfterArguments = payload;
            }
            else
            {
                var effective = ApplyInputPath(state.InputPath, _input);
                _data.AfterInputPath = effective;
                payload = state.Parameters is { } parameters ? Evaluate(parameters, effective) : effective;
                _data.AfterParameters = payload;
            }

            result = await InvokeAsync(state, payload, cancellationToken).ConfigureAwait(false);
            _data.Result = result;
            if (scope is null)
            {
                result = state.ResultSelector is { } selector ? Evaluate(selector, result) : result;
                _data.AfterResultSelector = result;
            }
        }
        catch (StatesErrorException error)
        {
            return Recover(error, state.Retry, state.Catch, _input);
        }

        try
        {
            var output = scope is not null
                ? FinishJsonata(state.Jsonata!.Output, state.Jsonata.Assign, scope.WithResult(result), result)
                : FinishJsonPath(state, state.ResultPath, _input, result);
            return Succeeded(output, state.NextName);
        }
        catch (StatesErrorException error)
        {
            return Recover(error, [], state.Catch, _input);
        }
    }

    /// <summary>The mock's answer, or the registered handler's (request-response tasks only).</summary>
    private async ValueTask<JsonValue> InvokeAsync(TaskState state, JsonValue payload, CancellationToken cancellationToken)
    {
        if (_mock is { } mock)
        {
            return mock.IsError ? throw mock.ToException() : mock.Result!;
        }

        if (state.Pattern != IntegrationPattern.RequestResponse || state.Resource.Contains(":activity:", StringComparison.Ordinal))
        {
            throw TestStateErrors.Validation(TestStateErrors.PatternNeedsMock(state.Name, state.Resource));
        }

        var options = new ExecutionOptions
        {
            StateMachineName = TestStateDefinition.SingleStateName,
            AccountId = _runtime.Options.AccountId,
            Region = _runtime.Options.Region,
            Partition = _runtime.Options.Partition,
            RoleArn = _roleArn,
            RecordHistory = false,
        };
        var run = new RunContext(_runtime, _definition.Machine, _input, options);
        var invocation = new TaskInvocation(state.Resource, state.Name, payload, RetryCount, _context.GetContextObject(), run.ExecutionArn);

        // AWS runs a tested state for up to five minutes, then fails it with States.Timeout.
        using var limit = new CancellationTokenSource(TestStateErrors.RunLimit, _runtime.TimeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, limit.Token);
        try
        {
            return await TaskDispatcher.InvokeAsync(run, invocation, state.BaseResource, _runtime.TimeProvider.GetUtcNow().UtcTicks, linked.Token)
                .ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (limit.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new StatesErrorException(
                StatesErrorNames.Timeout,
                $"The state '{state.Name}' ran for more than {TestStateErrors.RunLimit.TotalMinutes:0} minutes, TestState's limit.");
        }
    }
}
