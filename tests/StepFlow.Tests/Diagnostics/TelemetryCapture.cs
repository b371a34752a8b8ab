using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using StepFlow.Diagnostics;

namespace StepFlow.Tests.Diagnostics;

/// <summary>
/// Captures StepFlow's spans, metrics and log records with OpenTelemetry's in-memory exporter and a fake logger. The
/// source and meter are process-wide and tests run in parallel, so a test keeps only the spans of its own trace (under
/// <see cref="Root"/>) and the metric points of its own state machine ARN.
/// </summary>
internal sealed class TelemetryCapture : IDisposable
{
    private static readonly ActivitySource TestSource = new("StepFlow.Tests.Telemetry");
    private readonly TracerProvider _tracer;
    private readonly MeterProvider _meter;
    private readonly List<Activity> _spans = [];
    private readonly List<Metric> _metrics = [];

    /// <param name="otherSources">More sources to capture (their spans are in <see cref="AllSpans"/>).</param>
    public TelemetryCapture(params string[] otherSources)
    {
        _tracer = Sdk.CreateTracerProviderBuilder()
            .AddSource([StepFlowTelemetry.ActivitySourceName, TestSource.Name, .. otherSources])
            .AddInMemoryExporter(_spans)
            .Build()!;
        _meter = Sdk.CreateMeterProviderBuilder()
            .AddMeter(StepFlowTelemetry.MeterName)
            .AddInMemoryExporter(_metrics)
            .Build()!;
        Logs = new FakeLoggerProvider();
        LoggerFactory = new LoggerFactory([Logs], new LoggerFilterOptions { MinLevel = LogLevel.Trace });
        Root = TestSource.StartActivity("test")!;
    }

    /// <summary>The test's own span: StepFlow's spans of the test are in its trace.</summary>
    public Activity Root { get; }

    public FakeLoggerProvider Logs { get; }

    public ILoggerFactory LoggerFactory { get; }

    /// <summary>The spans StepFlow ended in the test's trace.</summary>
    public IReadOnlyList<Activity> Spans
    {
        get
        {
            _tracer.ForceFlush();
            lock (_spans)
            {
                return _spans.Where(s => s.TraceId == Root.TraceId && s.Source.Name == StepFlowTelemetry.ActivitySourceName).ToList();
            }
        }
    }

    /// <summary>Every span ended in the test's trace, StepFlow's and the other sources'.</summary>
    public IReadOnlyList<Activity> AllSpans
    {
        get
        {
            _tracer.ForceFlush();
            lock (_spans)
            {
                return _spans.Where(s => s.TraceId == Root.TraceId).ToList();
            }
        }
    }

    /// <summary>The sum of counter <paramref name="name"/> over the points whose <paramref name="dimension"/> is <paramref name="value"/>.</summary>
    public long Sum(string name, string dimension, string value) =>
        Points(name, dimension, value).Sum(p => p.GetSumLong());

    /// <summary>How many values histogram <paramref name="name"/> recorded for <paramref name="dimension"/> = <paramref name="value"/>.</summary>
    public long Count(string name, string dimension, string value) =>
        Points(name, dimension, value).Sum(p => p.GetHistogramCount());

    public IReadOnlyList<string> MetricNames()
    {
        _meter.ForceFlush();
        return _metrics.Select(m => m.Name).Distinct().ToList();
    }

    private List<MetricPoint> Points(string name, string dimension, string value)
    {
        _metrics.Clear();
        _meter.ForceFlush();
        var points = new List<MetricPoint>();
        foreach (var metric in _metrics.Where(m => m.Name == name))
        {
            foreach (ref readonly var point in metric.GetMetricPoints())
            {
                foreach (var tag in point.Tags)
                {
                    if (tag.Key == dimension && Equals(tag.Value, value))
                    {
                        points.Add(point);
                    }
                }
            }
        }

        return points;
    }

    public void Dispose()
    {
        Root.Dispose();
        _tracer.Dispose();
        _meter.Dispose();
        LoggerFactory.Dispose();
    }
}
