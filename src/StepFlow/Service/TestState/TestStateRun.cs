using System.Collections.Immutable;
using StepFlow.Definition;
using StepFlow.Definition.States;
using StepFlow.Errors;
using StepFlow.Execution;
using StepFlow.Execution.Executor;
using StepFlow.Execution.Recovery;
using StepFlow.Json;
using StepFlow.Tasks;
using StepFlow.Paths;
using StepFlow.Variables;

namespace StepFlow.Service.TestState;

/// <summary>
/// Runs the state under test once, as TestState does: the state's own data processing on the compiled model (the
/// same paths, templates, JSONata expressions and error matching the executor uses), the mock (or the registered
/// handler) in place of the task, and AWS's verdict on an error: RETRIABLE when a retrier would retry it, CAUGHT_ERROR
/// when a catcher takes it, FAILED otherwise. Nothing here is on the executor's path.
/// </summary>
internal sealed partial class TestStateRun
{
    private readonly EngineRuntime _runtime;
    private readonly TestStateDefinition _definition;
    private readonly JsonValue _input;
    private readonly IContextObjectSource _context;
    private readonly TestStateMockOutcome? _mock;
    private readonly TestStateConfiguration _configuration;
    private readonly string? _roleArn;
    private readonly InspectionRecorder _data = new();
    private VariableScope _variables;

    public TestStateRun(
        EngineRuntime runtime,
        TestStateDefinition definition,
        JsonValue input,
        IContextObjectSource context,
        VariableScope variables,
        TestStateMockOutcome? mock,
        TestStateConfiguration configuration,
        string? roleArn)
    {
        _runtime = runtime;
        _definition = definition;
        _input = input;
        _context = context;
        _variables = variables;
        _mock = mock;
        _configuration = configuration;
        _roleArn = roleArn;
    }

    private State State => _definition.State;

    private bool IsJsonata => State.QueryLanguage == QueryLanguage.Jsonata;

    private int RetryCount => _configuration.RetrierRetryCount ?? 0;

    /// <summary>
    /// Runs the state; <paramref name="inspect"/> adds the inspection data, and <paramref name="http"/> (TRACE) is
    /// installed for the run so that an HTTP Task reports its request and response to it.
    /// </summary>
    public async Task<TestStateResponse> RunAsync(bool inspect, HttpExchangeRecorder? http, CancellationToken cancellationToken)
    {
        _data.Input = _input;
        _data.Http = http;
        HttpExchangeRecorder.Install(http);
        TestStateResponse response;
        try
        {
            response = State switch
            {
                PassState pass => Succeeded(RunPass(pass), pass.NextName),
                ChoiceState choice => RunChoice(choice),
                SucceedState succeed => Succeeded(RunSucceed(succeed), null),
                FailState fail => throw RunFail(fail),
                WaitState wait => Succeeded(RunWait(wait), wait.NextName),
                TaskState task => await RunTaskAsync(task, cancellationToken).ConfigureAwait(false),
                MapState map => RunMap(map),
                ParallelState parallel => RunParallel(parallel),
                _ => throw new InvalidOperationException($"Unknown state type {State.Type}."),
            };
        }
        catch (StatesErrorException error)
        {
            response = Outcome(TestStateStatus.Failed, error);
        }

        return inspect ? response with { InspectionData = Inspection() } : response;
    }

    private TestStateInspectionData Inspection()
    {
        _data.Variables = Flatten(_variables);
        return _data.Freeze();
    }

    private static JsonObject Flatten(VariableScope variables)
    {
        var chain = new Stack<VariableScope>();
        for (var scope = variables; scope is not null; scope = scope.Parent)
        {
            chain.Push(scope);
        }

        var builder = new JsonObjectBuilder();
        foreach (var scope in chain)
        {
            foreach (var pair in scope.Values)
            {
                builder.Set(pair.Key, pair.Value);
            }
        }

        return builder.Build();
    }

    private TestStateResponse Succeeded(JsonValue output, string? next) =>
        new() { Status = TestStateStatus.Succeeded, Output = output.ToJsonString(), NextState = next };

    private static TestStateResponse Outcome(TestStateStatus status, StatesErrorException error, JsonValue? output = null, string? next = null) => new()
    {
        Status = status,
        Error = error is FailStateException { ErrorName: null } ? null : error.Error,
        Cause = error.Cause,
        Output = output?.ToJsonString(),
        NextState = next,
    };

    /// <summary>
    /// AWS's verdict on an error of a Task, Map or Parallel (States.Runtime is never retried or caught): the first
    /// retrier that matches retries it while the
    /// configured retry count is below its MaxAttempts (RETRIABLE, with the back-off it would wait); otherwise the first
    /// matching catcher takes it (CAUGHT_ERROR, with the catcher's output and Next); otherwise FAILED.
    /// </summary>
    private TestStateResponse Recover(StatesErrorException error, ImmutableArray<Retrier> retriers, ImmutableArray<Catcher> catchers, JsonValue input)
    {
        int? retryIndex = null;
        var recoverable = ErrorMatching.IsRecoverable(error.Error);
        for (var i = 0; recoverable && i < retriers.Length; i++)
        {
            var retrier = retriers[i];
            if (!ErrorMatching.Matches(retrier.ErrorEquals, error))
            {
                continue;
            }

            retryIndex = i;
            if (RetryCount < retrier.MaxAttempts)
            {
                _data.ErrorDetails = new TestStateErrorDetails { RetryIndex = i, RetryBackoffIntervalSeconds = Backoff(retrier, RetryCount) };
                return Outcome(TestStateStatus.Retriable, error);
            }

            break;
        }

        if (recoverable)
        {
            for (var i = 0; i < catchers.Length; i++)
            {
                var catcher = catchers[i];
                if (!ErrorMatching.Matches(catcher.ErrorEquals, error))
                {
                    continue;
                }

                _data.ErrorDetails = new TestStateErrorDetails { CatchIndex = i, RetryIndex = retryIndex };
                try
                {
                    return Outcome(TestStateStatus.CaughtError, error, CatcherOutput(catcher, error, input), catcher.NextName);
                }
                catch (StatesErrorException failure)
                {
                    return Outcome(TestStateStatus.Failed, failure);
                }
            }
        }

        _data.ErrorDetails = retryIndex is { } index ? new TestStateErrorDetails { RetryIndex = index } : null;
        return Outcome(TestStateStatus.Failed, error);
    }

    /// <summary>The wait before the next attempt: IntervalSeconds × BackoffRate^retries, capped at MaxDelaySeconds.</summary>
    private static long Backoff(Retrier retrier, int retries)
    {
        var seconds = retrier.IntervalSeconds * Math.Pow(retrier.BackoffRate, retries);
        if (retrier.MaxDelaySeconds is { } cap)
        {
            seconds = Math.Min(seconds, cap);
        }

        return seconds >= long.MaxValue ? long.MaxValue : (long)seconds;
    }

    private JsonValue CatcherOutput(Catcher catcher, StatesErrorException error, JsonValue input)
    {
        var errorOutput = ErrorOutput(error);
        if (catcher.Jsonata is { } jsonata)
        {
            var scope = NewScope(input).WithErrorOutput(errorOutput);
            Assign(jsonata.Assign, scope);
            return jsonata.Output is { } output ? output.Evaluate(scope) : errorOutput;
        }

        var result = ApplyResultPath(catcher.ResultPath, input, errorOutput);
        Assign(catcher.Assign, errorOutput);
        return result;
    }

    private static JsonObject ErrorOutput(StatesErrorException error)
    {
        var builder = new JsonObjectBuilder(2);
        if (error is not FailStateException { ErrorName: null })
        {
            builder.Set("Error", JsonValue.From(error.Error));
        }

        builder.Set("Cause", JsonValue.From(error.Cause ?? string.Empty));
        return builder.Build();
    }

    private JsonataScope NewScope(JsonValue input) => new(input, _context, _variables)
    {
        TimeLimit = _runtime.Options.JsonataTimeLimit,
        SizeLimit = _runtime.Options.JsonataSizeLimit,
    };

    private PathScope PathScopeOf(JsonValue input) => new(input, _context, _variables);

    private JsonValue ApplyInputPath(IoPath path, JsonValue input, string field = "InputPath")
    {
        if (path.IsDiscard)
        {
            return JsonObject.Empty;
        }

        if (path.Path is null)
        {
            return input;
        }

        return path.Select(PathScopeOf(input), field);
    }

    private static JsonValue ApplyResultPath(ResultPathSpec resultPath, JsonValue input, JsonValue result) =>
        resultPath.Apply(input, result);

    private JsonValue Evaluate(PayloadTemplate template, JsonValue input) => template.Evaluate(PathScopeOf(input));

    /// <summary>A JSONPath Assign: evaluated against <paramref name="input"/>, then the variables take its values.</summary>
    private void Assign(PayloadTemplate? assign, JsonValue input)
    {
        if (assign is not null && Evaluate(assign, input) is JsonObject { Count: > 0 } assigned)
        {
            _variables = _variables.Assign(assigned.Members.ToArray());
        }
    }

    /// <summary>A JSONata Assign.</summary>
    private void Assign(JsonataTemplate? assign, JsonataScope scope)
    {
        if (assign is not null && assign.Evaluate(scope) is JsonObject { Count: > 0 } assigned)
        {
            _variables = _variables.Assign(assigned.Members.ToArray());
        }
    }

    /// <summary>The JSONPath ending of a state: ResultPath, OutputPath, Assign; each step recorded.</summary>
    private JsonValue FinishJsonPath(State state, ResultPathSpec resultPath, JsonValue input, JsonValue result)
    {
        var output = ApplyResultPath(resultPath, input, result);
        _data.AfterResultPath = output;
        output = ApplyInputPath(state.OutputPath, output, "OutputPath");
        Assign(state.Assign, result);
        return output;
    }

    /// <summary>The JSONata ending of a state: Assign and Output (default: <paramref name="defaultOutput"/>).</summary>
    private JsonValue FinishJsonata(JsonataTemplate? output, JsonataTemplate? assign, JsonataScope scope, JsonValue defaultOutput)
    {
        Assign(assign, scope);
        return output is null ? defaultOutput : output.Evaluate(scope);
    }
}
