using BenchmarkDotNet.Attributes;
using StepFlow.Definition;
using StepFlow.Execution;
using StepFlow.Json;
using StepFlow.Parsing;

namespace StepFlow.Benchmarks;

/// <summary>
/// The callback round trip (issue #4): a <c>.waitForTaskToken</c> Task issues a token, the handler hands it
/// over, <see cref="StepFlowEngine.SendTaskSuccessAsync(string, JsonValue, CancellationToken)"/> answers it and
/// the next state (a Pass) is entered. Measured as whole executions of <c>Task → Pass</c>; the baseline is the
/// same machine with a request-response Task, so the difference of the two means is the round trip's cost
/// (token issued and registered, the wait, the answer, the resumed execution).
/// </summary>
[MemoryDiagnoser]
public class CallbackBenchmarks
{
    private const string Queue = "arn:aws:states:::sqs:sendMessage";

    private static readonly JsonValue Answer = JsonValue.Parse("""{"approved":true}""");

    private StepFlowEngine _engine = null!;
    private StateMachine _callback = null!;
    private StateMachine _requestResponse = null!;
    private JsonValue _input = null!;
    private TaskCompletionSource<string> _token = NewTokenSource();

    [GlobalSetup]
    public void Setup()
    {
        _engine = StepFlowEngine.CreateBuilder()
            .AddTaskHandler(Queue, invocation =>
            {
                // A .waitForTaskToken handler only passes the token on; a request-response one answers at once.
                if (invocation.TaskToken is { } token)
                {
                    _token.TrySetResult(token);
                    return JsonValue.Null;
                }

                return Answer;
            })
            .Build();
        _callback = StateMachine.Parse(Machine(Queue + ".waitForTaskToken", """ "Token.$":"$$.Task.Token", """));
        _requestResponse = StateMachine.Parse(Machine(Queue, string.Empty));
        _input = JsonValue.Parse("""{"order":"o-1"}""");
    }

    /// <summary>Task (request-response) → Pass: the same work without the callback.</summary>
    [Benchmark(Baseline = true)]
    public async Task<JsonValue?> RequestResponse()
    {
        var result = await _engine.ExecuteAsync(_requestResponse, _input, ExecutionOptions.Default, CancellationToken.None).ConfigureAwait(false);
        return result.Output;
    }

    /// <summary>Task (<c>.waitForTaskToken</c>) → Pass, answered as soon as the handler has passed the token on.</summary>
    [Benchmark]
    public async Task<JsonValue?> CallbackRoundTrip()
    {
        _token = NewTokenSource();
        var run = _engine.ExecuteAsync(_callback, _input, ExecutionOptions.Default, CancellationToken.None);
        var token = await _token.Task.ConfigureAwait(false);
        await _engine.SendTaskSuccessAsync(token, Answer, CancellationToken.None).ConfigureAwait(false);
        var result = await run.ConfigureAwait(false);
        return result.Output;
    }

    private static TaskCompletionSource<string> NewTokenSource() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Task → Pass; <paramref name="token"/> puts the task token into the message (a callback needs it sent somewhere).</summary>
    private static string Machine(string resource, string token) => """
        {"StartAt":"Ask","States":{
          "Ask":{"Type":"Task","Resource":"RESOURCE",
            "Parameters":{"QueueUrl":"q","MessageBody":{TOKEN"Order.$":"$.order"}},"Next":"After"},
          "After":{"Type":"Pass","Parameters":{"approved.$":"$.approved"},"End":true}}}
        """.Replace("RESOURCE", resource, StringComparison.Ordinal).Replace("TOKEN", token, StringComparison.Ordinal);
}
