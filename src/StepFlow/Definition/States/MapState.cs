using System.Collections.Immutable;
using StepFlow.Paths;

namespace StepFlow.Definition.States;

/// <summary>Runs its item processor once per item of an array; its result is the array of outputs.</summary>
internal sealed class MapState : State
{
    internal MapState(StateCommon common, MapStateFields fields)
        : base(common)
    {
        ItemProcessor = fields.ItemProcessor;
        IsDistributed = fields.IsDistributed;
        ItemsPath = fields.ItemsPath;
        ItemSelector = fields.ItemSelector;
        ResultSelector = fields.ResultSelector;
        ResultPath = fields.ResultPath;
        MaxConcurrency = fields.MaxConcurrency;
        MaxConcurrencyPath = fields.MaxConcurrencyPath;
        ToleratedFailurePercentage = fields.ToleratedFailurePercentage;
        ToleratedFailurePercentagePath = fields.ToleratedFailurePercentagePath;
        ToleratedFailureCount = fields.ToleratedFailureCount;
        ToleratedFailureCountPath = fields.ToleratedFailureCountPath;
        Retry = fields.Retry;
        Catch = fields.Catch;
        HasItemReader = fields.HasItemReader;
    }

    /// <inheritdoc />
    public override StateType Type => StateType.Map;

    /// <summary>The states run per item.</summary>
    public StateGraph ItemProcessor { get; }

    /// <summary>True for ProcessorConfig Mode DISTRIBUTED (run in-process like inline, with Map Run events).</summary>
    public bool IsDistributed { get; }

    /// <summary>True when an ItemReader is configured (not supported in-process).</summary>
    public bool HasItemReader { get; }

    /// <summary>ItemsPath (default <c>$</c>).</summary>
    public IoPath ItemsPath { get; }

    /// <summary>ItemSelector (or the legacy Parameters), if any.</summary>
    public PayloadTemplate? ItemSelector { get; }

    /// <summary>ResultSelector, if any.</summary>
    public PayloadTemplate? ResultSelector { get; }

    /// <summary>ResultPath.</summary>
    public ResultPathSpec ResultPath { get; }

    /// <summary>MaxConcurrency (0 = unbounded).</summary>
    public int MaxConcurrency { get; }

    /// <summary>MaxConcurrencyPath, if any.</summary>
    public JsonPath? MaxConcurrencyPath { get; }

    /// <summary>ToleratedFailurePercentage, if any.</summary>
    public double? ToleratedFailurePercentage { get; }

    /// <summary>ToleratedFailurePercentagePath, if any.</summary>
    public JsonPath? ToleratedFailurePercentagePath { get; }

    /// <summary>ToleratedFailureCount, if any.</summary>
    public long? ToleratedFailureCount { get; }

    /// <summary>ToleratedFailureCountPath, if any.</summary>
    public JsonPath? ToleratedFailureCountPath { get; }

    /// <summary>Retriers in order.</summary>
    public ImmutableArray<Retrier> Retry { get; }

    /// <summary>Catchers in order.</summary>
    public ImmutableArray<Catcher> Catch { get; }
}

/// <summary>The builder's bag of Map fields.</summary>
internal sealed record MapStateFields(
    StateGraph ItemProcessor,
    bool IsDistributed,
    bool HasItemReader,
    IoPath ItemsPath,
    PayloadTemplate? ItemSelector,
    PayloadTemplate? ResultSelector,
    ResultPathSpec ResultPath,
    int MaxConcurrency,
    JsonPath? MaxConcurrencyPath,
    double? ToleratedFailurePercentage,
    JsonPath? ToleratedFailurePercentagePath,
    long? ToleratedFailureCount,
    JsonPath? ToleratedFailureCountPath,
    ImmutableArray<Retrier> Retry,
    ImmutableArray<Catcher> Catch);
