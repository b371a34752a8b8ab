using System.Diagnostics;
using BenchmarkDotNet.Attributes;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using StepFlow.Conformance;
using StepFlow.Parsing;
using StepFlow.Persistence;
using StepFlow.Execution;
using StepFlow.Json;

namespace StepFlow.Benchmarks;

/// <summary>
/// What telemetry costs on the shared W1 (1,000 Pass states) and W6 (1,000-iteration Task loop) workloads: one execution
/// per invocation, with nobody listening and with an OpenTelemetry SDK attached (TracerProvider and MeterProvider on the
/// "StepFlow" source and meter, AlwaysOn sampler, every span and metric handed to an exporter that drops it).
/// The same file builds against an older core (it names nothing that core lacks), so "no listener" can be compared
/// across builds; see docs/performance.md, "Session 8: telemetry cost". The workloads are read from the shared folder
/// at run time (<c>--filter *TelemetryCostBenchmarks*</c>); without it the setup fails with that folder's message.
/// </summary>
[MemoryDiagnoser]
public class TelemetryCostBenchmarks
{
    private const string TelemetryName = "StepFlow";

    private StepFlowEngine _engine = null!;
    private StateMachine _machine = null!;
    private JsonValue _input = null!;
    private TracerProvider? _tracing;
    private MeterProvider? _metrics;

    /// <summary>The shared workload file's name, without <c>.json</c>.</summary>
    [Params("w1-pass-chain", "w6-task-loop")]
    public string Workload { get; set; } = "w1-pass-chain";

    /// <summary>Who listens to StepFlow's spans and metrics.</summary>
    [Params(Listener.None, Listener.OpenTelemetry)]
    public Listener Telemetry { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var path = SharedFolder.Find("bench", "workloads", Workload + ".json")
            ?? throw new InvalidOperationException(SharedFolder.MissingMessage);
        var workload = (JsonObject)JsonValue.Parse(File.ReadAllText(path));
        _machine = StateMachine.Parse(workload["definition"].ToJsonString());
        _input = workload["input"];
        _engine = StepFlowEngine.CreateBuilder().AddTaskHandler("*", invocation => invocation.Input).Build();
        if (Telemetry == Listener.OpenTelemetry)
        {
            _tracing = Sdk.CreateTracerProviderBuilder()
                .AddSource(TelemetryName)
                .SetSampler(new AlwaysOnSampler())
                .AddProcessor(new SimpleActivityExportProcessor(new DroppingExporter<Activity>()))
                .Build();
            _metrics = Sdk.CreateMeterProviderBuilder()
                .AddMeter(TelemetryName)
                .AddReader(new PeriodicExportingMetricReader(new DroppingExporter<Metric>(), exportIntervalMilliseconds: 60_000))
                .Build();
        }

        var result = Execute();
        if (result.Status != ExecutionStatus.Succeeded || !result.Output!.Equals(workload["expectedOutput"]))
        {
            throw new InvalidOperationException($"{Workload}: the execution ended {result.Status} ({result.Error}: {result.Cause}), not with the expected output.");
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _tracing?.Dispose();
        _metrics?.Dispose();
        _engine.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }

    [Benchmark]
    public ExecutionResult Execute() => _engine.ExecuteAsync(_machine, _input, ExecutionOptions.Default, CancellationToken.None).GetAwaiter().GetResult();

    /// <summary>Who listens to StepFlow's telemetry during a run.</summary>
    public enum Listener
    {
        /// <summary>Nobody: the instrumentation's listener checks are all that runs.</summary>
        None,

        /// <summary>An OpenTelemetry SDK tracing and metering everything StepFlow emits.</summary>
        OpenTelemetry,
    }

    /// <summary>An exporter that takes each batch and keeps nothing, so only the SDK's own work is measured.</summary>
    private sealed class DroppingExporter<T> : BaseExporter<T>
        where T : class
    {
        public override ExportResult Export(in Batch<T> batch) => ExportResult.Success;
    }
}
