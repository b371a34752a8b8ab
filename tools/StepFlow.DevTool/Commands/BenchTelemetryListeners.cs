using System.Diagnostics;
using System.Diagnostics.Metrics;
using StepFlow.Diagnostics;

namespace StepFlow.DevTool.Commands;

/// <summary>
/// <c>bench --listen</c>: subscribes to StepFlow's spans and instruments the way an OpenTelemetry SDK does (every span
/// sampled with all data, every instrument enabled, each measurement taken), so the benchmark shows what telemetry costs
/// when someone listens. The spans and measurements are counted, nothing is exported.
/// </summary>
internal sealed class BenchTelemetryListeners : IDisposable
{
    private readonly ActivityListener _spans;
    private readonly MeterListener _instruments;
    private long _spanCount;
    private long _measurements;

    public BenchTelemetryListeners()
    {
        _spans = new ActivityListener
        {
            ShouldListenTo = source => source.Name == StepFlowTelemetry.ActivitySourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = _ => Interlocked.Increment(ref _spanCount),
        };
        ActivitySource.AddActivityListener(_spans);
        _instruments = new MeterListener
        {
            InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == StepFlowTelemetry.MeterName)
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            },
        };
        _instruments.SetMeasurementEventCallback<long>((_, value, _, _) => Add(value));
        _instruments.SetMeasurementEventCallback<double>((_, value, _, _) => Add(value));
        _instruments.Start();
    }

    /// <summary>How many spans ended while listening.</summary>
    public long SpanCount => Interlocked.Read(ref _spanCount);

    public void Dispose()
    {
        _spans.Dispose();
        _instruments.Dispose();
    }

    /// <summary>How many measurements were taken while listening.</summary>
    public long MeasurementCount => Interlocked.Read(ref _measurements);

    private void Add(double value)
    {
        if (!double.IsNaN(value))
        {
            Interlocked.Increment(ref _measurements);
        }
    }
}
