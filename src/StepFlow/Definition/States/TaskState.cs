using System.Collections.Immutable;
using StepFlow.Paths;

namespace StepFlow.Definition.States;

/// <summary>Runs work through the task handler bound to its Resource.</summary>
internal sealed class TaskState : State
{
    internal TaskState(
        StateCommon common,
        string resource,
        PayloadTemplate? parameters,
        PayloadTemplate? resultSelector,
        ResultPathSpec resultPath,
        ImmutableArray<Retrier> retry,
        ImmutableArray<Catcher> catch_,
        int? timeoutSeconds,
        JsonPath? timeoutSecondsPath,
        int? heartbeatSeconds,
        JsonPath? heartbeatSecondsPath)
        : base(common)
    {
        Resource = resource;
        Parameters = parameters;
        ResultSelector = resultSelector;
        ResultPath = resultPath;
        Retry = retry;
        Catch = catch_;
        TimeoutSeconds = timeoutSeconds;
        TimeoutSecondsPath = timeoutSecondsPath;
        HeartbeatSeconds = heartbeatSeconds;
        HeartbeatSecondsPath = heartbeatSecondsPath;
        IsLegacyLambda = resource.StartsWith("arn:aws:lambda:", StringComparison.Ordinal);
        (Pattern, BaseResource) = Tasks.IntegrationPatterns.Classify(resource);
    }

    /// <inheritdoc />
    public override StateType Type => StateType.Task;

    /// <summary>The Resource ARN.</summary>
    public string Resource { get; }

    /// <summary>True for a direct Lambda function ARN (history uses LambdaFunction* events).</summary>
    public bool IsLegacyLambda { get; }

    /// <summary>How the task waits: the Resource's suffix (<c>.sync</c>, <c>.waitForTaskToken</c>), or an activity ARN.</summary>
    public Tasks.IntegrationPattern Pattern { get; }

    /// <summary>The Resource without its <c>.sync</c>/<c>.sync:2</c>/<c>.waitForTaskToken</c> suffix; null when it has none.</summary>
    internal string? BaseResource { get; }

    /// <summary>Parameters, if any.</summary>
    public PayloadTemplate? Parameters { get; }

    /// <summary>ResultSelector, if any.</summary>
    public PayloadTemplate? ResultSelector { get; }

    /// <summary>ResultPath.</summary>
    public ResultPathSpec ResultPath { get; }

    /// <summary>Retriers in order.</summary>
    public ImmutableArray<Retrier> Retry { get; }

    /// <summary>Catchers in order.</summary>
    public ImmutableArray<Catcher> Catch { get; }

    /// <summary>TimeoutSeconds, if set.</summary>
    public int? TimeoutSeconds { get; }

    /// <summary>TimeoutSecondsPath, if set.</summary>
    public JsonPath? TimeoutSecondsPath { get; }

    /// <summary>HeartbeatSeconds, if set.</summary>
    public int? HeartbeatSeconds { get; }

    /// <summary>HeartbeatSecondsPath, if set.</summary>
    public JsonPath? HeartbeatSecondsPath { get; }
}
