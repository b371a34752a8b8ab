using Polly;
using Polly.Retry;

namespace StepFlow.Execution.Recovery;

/// <summary>
/// The engine's one Polly retry pipeline for ASL Retry arrays, on the engine's <see cref="TimeProvider"/>. It holds
/// no per-state data: each visit puts its <see cref="RetryRun"/> on the <see cref="ResilienceContext"/>, which
/// decides (AWS's matching rules) and computes the back-off (IntervalSeconds, BackoffRate, MaxDelaySeconds,
/// JitterStrategy) through the strategy's ShouldHandle and DelayGenerator. States without Retry never reach it.
/// </summary>
internal static class AslRetryPipeline
{
    public static ResiliencePipeline Create(TimeProvider timeProvider) =>
        new ResiliencePipelineBuilder { Name = "StepFlow.AslRetry", TimeProvider = timeProvider }
            .AddRetry(new RetryStrategyOptions
            {
                Name = "AslRetry",
                MaxRetryAttempts = int.MaxValue, // the RetryRun decides, retrier by retrier
                Delay = TimeSpan.Zero,
                BackoffType = DelayBackoffType.Constant,
                UseJitter = false,
                ShouldHandle = static args => new ValueTask<bool>(Run(args.Context).ShouldRetry(args.Outcome.Exception)),
                DelayGenerator = static args => Run(args.Context).NextDelayAsync(),
            })
            .Build();

    private static RetryRun Run(ResilienceContext context) =>
        context.Properties.TryGetValue(RetryRun.Key, out var run)
            ? run
            : throw new InvalidOperationException("The ASL retry pipeline ran without its RetryRun.");
}
