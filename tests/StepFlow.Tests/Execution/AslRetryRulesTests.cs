using System.Collections.Immutable;
using StepFlow.Definition;
using StepFlow.Errors;
using StepFlow.Execution;
using StepFlow.Execution.Dispatch;
using StepFlow.Execution.Recovery;

namespace StepFlow.Tests.Execution;

public sealed class AslRetryRulesTests
{
    private static Retrier Retrier(string[] errorEquals, int maxAttempts = 3, int interval = 1, double backoff = 2.0, int? maxDelay = null, JitterStrategy jitter = JitterStrategy.None) =>
        new([.. errorEquals], interval, maxAttempts, backoff, maxDelay, jitter);

    [Fact]
    public void Choose_FirstMatchingRetrierIsSpent_LaterMatchesAreNotTried()
    {
        ImmutableArray<Retrier> retriers = [Retrier(["Boom"], maxAttempts: 1), Retrier(["States.ALL"], maxAttempts: 5)];
        var attempts = new int[2];
        var error = new StatesErrorException("Boom", null);

        AslRetryRules.Choose(retriers, attempts, error).Should().Be(0);
        AslRetryRules.Choose(retriers, attempts, error).Should().Be(-1);
        attempts.Should().Equal(1, 0);
    }

    [Fact]
    public void Choose_NonMatchingRetrierIsSkipped_StatesAllCatchesTheRest()
    {
        ImmutableArray<Retrier> retriers = [Retrier(["Other"]), Retrier(["States.ALL"], maxAttempts: 2)];
        var attempts = new int[2];

        AslRetryRules.Choose(retriers, attempts, new StatesErrorException("Boom", null)).Should().Be(1);
        attempts.Should().Equal(0, 1);
    }

    [Fact]
    public void Choose_StatesRuntime_IsNeverRetried()
    {
        ImmutableArray<Retrier> retriers = [Retrier(["States.ALL"]), Retrier(["States.Runtime"])];

        AslRetryRules.Choose(retriers, new int[2], new StatesErrorException(StatesErrorNames.Runtime, null)).Should().Be(-1);
    }

    [Fact]
    public void Choose_StateFieldError_IsNeverRetried()
    {
        ImmutableArray<Retrier> retriers = [Retrier(["States.ALL"])];

        AslRetryRules.Choose(retriers, new int[1], new StateFieldException(StatesErrorNames.QueryEvaluationError, "bad", "Arguments")).Should().Be(-1);
    }

    [Fact]
    public void Choose_TaskFailedRetrier_DoesNotMatchStatesTimeout_ButHeartbeatRetrierMatchesAMissedHeartbeat()
    {
        ImmutableArray<Retrier> retriers = [Retrier(["States.TaskFailed"]), Retrier(["States.HeartbeatTimeout"])];

        AslRetryRules.Choose(retriers, new int[2], new StatesErrorException(StatesErrorNames.Timeout, null)).Should().Be(-1);
        AslRetryRules.Choose(retriers, new int[2], new HeartbeatTimeoutException()).Should().Be(1);
    }

    [Theory]
    [InlineData(1, 2.0)]
    [InlineData(2, 4.0)]
    [InlineData(3, 5.0)]
    [InlineData(4, 5.0)]
    public void Delay_IntervalBackoffAndCap_FollowsAsl(int retry, double seconds)
    {
        AslRetryRules.Delay(Retrier(["X"], interval: 2, backoff: 2, maxDelay: 5), retry, 0.9).Should().Be(TimeSpan.FromSeconds(seconds));
    }

    [Theory]
    [InlineData(0.0, 0.0)]
    [InlineData(0.25, 2.5)]
    [InlineData(0.5, 5.0)]
    public void Delay_FullJitter_ScalesTheCappedDelay(double random, double seconds)
    {
        var retrier = Retrier(["X"], interval: 10, backoff: 3, maxDelay: 10, jitter: JitterStrategy.Full);

        AslRetryRules.Delay(retrier, 3, random).Should().Be(TimeSpan.FromSeconds(seconds));
    }
}
