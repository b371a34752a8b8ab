using BenchmarkDotNet.Attributes;
using StepFlow.Persistence;
using StepFlow.Testing;

namespace StepFlow.Benchmarks;

/// <summary>
/// The wall time of a unit test of samples/order-pipeline (issue #14): a silver order whose PriceLine Task is mocked to
/// fail three times (the Retry's three attempts: 1 s, 2 s, 4 s back-off) before it succeeds, then the day-long
/// HoldForReview Wait, all on StepFlow.Testing's fake clock. One benchmark operation is one whole
/// <see cref="StateMachineTest.RunAsync(string, CancellationToken)"/>: a fresh engine, the run, the path read from the
/// history. The baseline is the gold order, which skips the Wait and has no retries.
/// </summary>
[MemoryDiagnoser]
public class TestKitBenchmarks
{
    private const string Gold = """
        {"orderId":"1042","customer":{"id":"C-7","email":"ada@example.com","tier":"gold"},
         "lines":[{"sku":"BOOK-001","quantity":2,"unitPrice":12.5}]}
        """;

    private static readonly string Silver = Gold.Replace("gold", "silver", StringComparison.Ordinal);

    private StateMachineTest _happy = null!;
    private StateMachineTest _flaky = null!;

    [GlobalSetup]
    public void Setup()
    {
        var definition = Path.Combine(AppContext.BaseDirectory, "order-pipeline.asl.json");
        _happy = StateMachineTest.FromFile(definition)
            .MockState("PriceLine", """{"lineTotal":25.0}""")
            .MockState("NotifyCustomer", """{"to":"ada@example.com","subject":"confirmed"}""");
        _flaky = StateMachineTest.FromFile(definition)
            .MockState("PriceLine", m => m.Throw(3, "States.TaskFailed", "price service unavailable").Return("""{"lineTotal":25.0}"""))
            .MockState("NotifyCustomer", """{"to":"ada@example.com","subject":"confirmed"}""");
        var check = _flaky.RunAsync(Silver).GetAwaiter().GetResult();
        if (check.Status != ExecutionStatus.Succeeded || check.RetriesOf("PriceLine") != 3 || check.Duration != TimeSpan.FromDays(1) + TimeSpan.FromSeconds(7))
        {
            throw new InvalidOperationException($"The benchmark's run is not the one described: {check}");
        }
    }

    /// <summary>Gold order: no Wait, no retry.</summary>
    [Benchmark(Baseline = true)]
    public Task<TestRunResult> GoldOrder() => _happy.RunAsync(Gold);

    /// <summary>Silver order: three failed PriceLine attempts (7 s of back-off), then a 24-hour Wait.</summary>
    [Benchmark]
    public Task<TestRunResult> SilverOrderWithRetriesAndADayLongWait() => _flaky.RunAsync(Silver);
}
