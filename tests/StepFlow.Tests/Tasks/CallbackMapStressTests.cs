using System.Collections.Concurrent;
using StepFlow.Execution;
using StepFlow.Json;
using StepFlow.Persistence;
using StepFlow.Tasks;

namespace StepFlow.Tests.Tasks;

public sealed class CallbackMapStressTests
{
    [Fact]
    public async Task MapOf1000Callbacks_AnsweredConcurrentlyFromOtherThreads_EachAnsweredOnceNoneLostNoneDuplicated()
    {
        const int Items = 1_000;
        using var guard = TaskTestHost.Guard();
        var tokens = new BlockingCollection<(string Token, long Item)>();
        var issued = new ConcurrentDictionary<string, long>(StringComparer.Ordinal);
        var engine = StepFlowEngine.CreateBuilder()
            .AddTaskHandler("arn:aws:states:::sqs:sendMessage", invocation =>
            {
                var item = ((JsonNumber)((JsonObject)invocation.Input)["Item"]).TryGetInt64(out var n) ? n : -1;
                issued.TryAdd(invocation.TaskToken!, item).Should().BeTrue("every token is unique");
                tokens.Add((invocation.TaskToken!, item));
                return JsonObject.Empty;
            })
            .Build();
        var definition = """
            {"StartAt":"M","States":{"M":{"Type":"Map","ItemsPath":"$.items","MaxConcurrency":0,"ItemProcessor":{"StartAt":"Ask","States":{
              "Ask":{"Type":"Task","Resource":"arn:aws:states:::sqs:sendMessage.waitForTaskToken",
                     "Parameters":{"Item.$":"$","Token.$":"$$.Task.Token"},"End":true}}},"End":true}}}
            """;
        var input = "{\"items\":[" + string.Join(",", Enumerable.Range(0, Items)) + "]}";
        var run = TaskTestHost.StartAsync(engine, definition, input);

        var duplicatesRefused = 0;
        var answerers = Enumerable.Range(0, 8).Select(_ => Task.Factory.StartNew(() =>
        {
            foreach (var (token, item) in tokens.GetConsumingEnumerable(guard.Token))
            {
                engine.SendTaskHeartbeatAsync(token, guard.Token).GetAwaiter().GetResult();
                engine.SendTaskSuccessAsync(token, JsonValue.From(item * 2), guard.Token).GetAwaiter().GetResult();
                try
                {
                    engine.SendTaskSuccessAsync(token, JsonValue.From(-1), guard.Token).GetAwaiter().GetResult();
                }
                catch (TaskApiException e) when (e.ErrorCode == TaskApiErrorCodes.TaskTimedOut)
                {
                    Interlocked.Increment(ref duplicatesRefused);
                }
            }
        }, guard.Token, TaskCreationOptions.LongRunning, TaskScheduler.Default)).ToArray();

        var result = await run.WaitAsync(guard.Token);
        tokens.CompleteAdding();
        await Task.WhenAll(answerers).WaitAsync(guard.Token);

        result.Status.Should().Be(ExecutionStatus.Succeeded, result.Cause);
        result.Output.Should().Be(JsonValue.Parse("[" + string.Join(",", Enumerable.Range(0, Items).Select(i => i * 2)) + "]"));
        issued.Should().HaveCount(Items);
        duplicatesRefused.Should().Be(Items);
        result.History.Count(e => e.Type == "TaskSucceeded").Should().Be(Items);
        engine.Tokens.OpenCount.Should().Be(0);
    }
}
