using System.Diagnostics;
using System.Collections.Immutable;
using StepFlow.Execution;
using StepFlow.Service;
using StepFlow.Service.TestState;
using StepFlow.Testing.Time;

namespace StepFlow.Conformance.TestState;

/// <summary>The result of one recorded TestState call.</summary>
/// <param name="Name">The case name.</param>
/// <param name="Features">The case's tags.</param>
/// <param name="Passed">The response (or the refusal) matched the recording.</param>
/// <param name="Message">What differed, or null.</param>
/// <param name="Elapsed">Wall-clock time the case took.</param>
public sealed record TestStateResult(string Name, ImmutableArray<string> Features, bool Passed, string? Message, TimeSpan Elapsed);

/// <summary>
/// Runs recorded TestState calls against <see cref="StepFlowEngine.TestStateAsync"/>: a fresh engine per case in the
/// recordings' account and region, the case's Lambda functions registered (<see cref="RecordedLambdaFunctions"/>),
/// and the answer compared by <see cref="TestStateComparator"/>.
/// </summary>
public sealed class TestStateRunner
{
    /// <summary>The account id the recordings use.</summary>
    public const string AccountId = "111111111111";

    /// <summary>The wall-clock limit per case.</summary>
    public TimeSpan CaseTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Loads and runs a case file.</summary>
    public Task<TestStateResult> RunFileAsync(string path, CancellationToken cancellationToken) =>
        RunAsync(TestStateCase.Load(path), cancellationToken);

    /// <summary>Runs a case.</summary>
    public async Task<TestStateResult> RunAsync(TestStateCase testCase, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(testCase);
        var watch = Stopwatch.StartNew();
        string? difference;
        try
        {
            var engine = Engine(testCase);
            using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            limit.CancelAfter(CaseTimeout);
            try
            {
                var response = await engine.TestStateAsync(testCase.Request, limit.Token).ConfigureAwait(false);
                difference = TestStateComparator.CompareResponse(testCase, TestStateJson.FormatResponse(response));
            }
            catch (ExecutionApiException e)
            {
                difference = TestStateComparator.CompareException(testCase, e);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            difference = $"unexpected {e.GetType().Name}: {e.Message}";
        }

        return new TestStateResult(testCase.Name, testCase.Features, difference is null, difference, watch.Elapsed);
    }

    private static StepFlowEngine Engine(TestStateCase testCase)
    {
        var options = new EngineOptions { AccountId = AccountId, Region = "us-east-1", Partition = "aws" };
        var builder = StepFlowEngine.CreateBuilder()
            .UseTimeProvider(new AutoAdvancingTimeProvider(new DateTimeOffset(2026, 6, 1, 0, 0, 0, TimeSpan.Zero)))
            .UseOptions(options);
        foreach (var (name, source) in testCase.LambdaFunctions)
        {
            if (RecordedLambdaFunctions.For(source) is { } handler)
            {
                builder.AddTaskHandler($"arn:aws:lambda:us-east-1:{AccountId}:function:{name}", handler);
            }
        }

        return builder.Build();
    }
}
