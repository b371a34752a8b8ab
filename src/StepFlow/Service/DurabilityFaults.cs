using StepFlow.Json;
using StepFlow.Service;

namespace StepFlow.Service;

/// <summary>
/// Breaks the engine's durability on purpose, for the crash test's proof that it catches such breakages
/// (<c>tests/StepFlow.CrashHost</c> sets these through <c>InternalsVisibleTo</c>; nothing public reaches them). Both are
/// zero unless that host sets them, and then the engine keeps every guarantee; the checks cost a static read on the
/// start and answer paths only.
/// </summary>
internal static class DurabilityFaults
{
    /// <summary>When positive, a callback answer is acknowledged at once and handed to its task (and so stored) this much later.</summary>
    internal static TimeSpan CallbackAnswerAcknowledgedEarly { get; set; }

    /// <summary>When positive, StartExecution returns at once and starts (and so stores) the execution this much later.</summary>
    internal static TimeSpan StartReturnsEarly { get; set; }

    /// <summary>The broken answer: acknowledged now, given to the task after <see cref="CallbackAnswerAcknowledgedEarly"/>.</summary>
    internal static Task AnswerLate(Action answer, TimeProvider time)
    {
        _ = Task.Delay(CallbackAnswerAcknowledgedEarly, time).ContinueWith(_ => answer(), CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
        return Task.CompletedTask;
    }

    /// <summary>The broken start: a result now, the real start after <see cref="StartReturnsEarly"/>.</summary>
    internal static Task<StartExecutionResult> StartLate(Func<Task<StartExecutionResult>> start, string stateMachineArn, string name, TimeProvider time)
    {
        _ = Task.Run(async () =>
        {
            await Task.Delay(StartReturnsEarly, time).ConfigureAwait(false);
            try
            {
                await start().ConfigureAwait(false);
            }
            catch (ExecutionApiException)
            {
                // Started already: the broken start has nothing to add.
            }
        });
        var arn = stateMachineArn.Replace(":stateMachine:", ":execution:", StringComparison.Ordinal) + ":" + name;
        return Task.FromResult(new StartExecutionResult(arn, time.GetUtcNow()));
    }
}
