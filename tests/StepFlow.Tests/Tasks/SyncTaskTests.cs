using StepFlow.Errors;
using StepFlow.Execution;
using StepFlow.Json;
using StepFlow.Persistence;
using StepFlow.Tasks;

namespace StepFlow.Tests.Tasks;

public sealed class SyncTaskTests
{
    private const string Resource = "arn:aws:states:::batch:submitJob.sync";

    private static string Definition(string extra = "") => $$$$"""
        {"StartAt":"Job","States":{"Job":{"Type":"Task","Resource":"{{{{Resource}}}}","Parameters":{"JobName":"j"}{{{{extra}}}},"End":true}}}
        """;

    [Theory]
    [InlineData("arn:aws:states:::batch:submitJob")]
    [InlineData("arn:aws:states:::batch:submitJob.sync")]
    public async Task Sync_HandlerBoundToBaseOrFullResource_ResultIsTheJobsResult(string pattern)
    {
        using var guard = TaskTestHost.Guard();
        var job = new TaskCompletionSource<JsonValue>(TaskCreationOptions.RunContinuationsAsynchronously);
        TaskInvocation? seen = null;
        var engine = StepFlowEngine.CreateBuilder()
            .AddTaskHandler(pattern, new DelegateTaskHandler(async (invocation, ct) =>
            {
                seen = invocation;
                return await job.Task.WaitAsync(ct);
            }))
            .Build();
        var run = TaskTestHost.StartAsync(engine, Definition());

        job.SetResult(JsonValue.Parse("""{"Status":"SUCCEEDED"}"""));
        var result = await run.WaitAsync(guard.Token);

        result.Output.Should().Be(JsonValue.Parse("""{"Status":"SUCCEEDED"}"""));
        seen!.Pattern.Should().Be(IntegrationPattern.Sync);
        seen.TaskToken.Should().BeNull();
        result.EventTypes().Should().Equal(
            "ExecutionStarted", "TaskStateEntered", "TaskScheduled", "TaskStarted", "TaskSucceeded", "TaskStateExited", "ExecutionSucceeded");
    }

    [Fact]
    public async Task Sync_JobFailsWithAnAslError_KeepsItsName()
    {
        using var guard = TaskTestHost.Guard();
        var engine = StepFlowEngine.CreateBuilder()
            .AddTaskHandler("arn:aws:states:::batch:submitJob", _ => throw new StatesErrorException("Batch.JobFailed", "exit 3"))
            .Build();

        var result = await TaskTestHost.StartAsync(engine, Definition()).WaitAsync(guard.Token);

        result.Error.Should().Be("Batch.JobFailed");
        result.Cause.Should().Be("exit 3");
    }

    [Fact]
    public async Task Sync_JobThrows_IsTaskFailed()
    {
        using var guard = TaskTestHost.Guard();
        var engine = StepFlowEngine.CreateBuilder()
            .AddTaskHandler("arn:aws:states:::batch:submitJob", new DelegateTaskHandler(async (_, ct) =>
            {
                await Task.Yield();
                throw new IOException("disk");
            }))
            .Build();

        var result = await TaskTestHost.StartAsync(engine, Definition()).WaitAsync(guard.Token);

        result.Error.Should().Be(StatesErrorNames.TaskFailed);
        result.EventTypes().Should().Contain("TaskFailed");
    }

    [Fact]
    public async Task Sync_JobRunsPastTimeoutSeconds_TimesOutAndTheHandlerIsCancelled()
    {
        using var guard = TaskTestHost.Guard();
        var clock = new CountingClock();
        var cancelled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var engine = StepFlowEngine.CreateBuilder()
            .UseTimeProvider(clock)
            .AddTaskHandler("arn:aws:states:::batch:submitJob", new DelegateTaskHandler(async (_, ct) =>
            {
                using var registration = ct.Register(() => cancelled.TrySetResult());
                started.SetResult();
                await Task.Delay(Timeout.InfiniteTimeSpan, ct);
                return JsonValue.Null;
            }))
            .Build();
        var run = TaskTestHost.StartAsync(engine, Definition(""","TimeoutSeconds":60"""));
        await started.Task.WaitAsync(guard.Token);
        await clock.WaitForTimersAsync(1, guard.Token);

        clock.Advance(TimeSpan.FromSeconds(60));
        var result = await run.WaitAsync(guard.Token);

        result.Error.Should().Be(StatesErrorNames.Timeout);
        result.EventTypes().Should().Contain("TaskTimedOut");
        await cancelled.Task.WaitAsync(guard.Token);
    }

    [Fact]
    public async Task Sync_ExecutionCancelled_IsAborted()
    {
        using var guard = TaskTestHost.Guard();
        using var abort = new CancellationTokenSource();
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var engine = StepFlowEngine.CreateBuilder()
            .AddTaskHandler("arn:aws:states:::batch:submitJob", new DelegateTaskHandler(async (_, ct) =>
            {
                started.SetResult();
                await Task.Delay(Timeout.InfiniteTimeSpan, ct);
                return JsonValue.Null;
            }))
            .Build();
        var run = TaskTestHost.StartAsync(engine, Definition(), cancellationToken: abort.Token);
        await started.Task.WaitAsync(guard.Token);

        await abort.CancelAsync();

        (await run.WaitAsync(guard.Token)).Status.Should().Be(ExecutionStatus.Aborted);
    }
}
