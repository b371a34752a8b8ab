using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StepFlow.Service;

namespace StepFlow.Hosting;

/// <summary>
/// Runs the container's <see cref="StepFlowEngine"/> for the host's lifetime. At start it builds the engine and resumes
/// every execution the store holds as running (<see cref="StepFlowEngine.RecoverAsync"/>); from then on the engine runs
/// executions, their Wait timers, callbacks and activities. When the host stops it drains: new executions are refused
/// (<c>ServiceUnavailable</c>, saying the engine is draining) while the running ones may finish, until the host's shutdown
/// timeout; then what still runs stops where it is (<see cref="StepFlowEngine.ShutdownAsync"/>) and, with a durable store,
/// resumes at the next start.
/// </summary>
public sealed partial class StepFlowWorker : IHostedService
{
    private readonly StepFlowEngine _engine;
    private readonly StepFlowOptions _options;
    private readonly ILogger<StepFlowWorker> _logger;
    private volatile StepFlowWorkerState _state;

    /// <summary>Creates the worker for the container's engine (the container does; hosts need not).</summary>
    public StepFlowWorker(StepFlowEngine engine, IOptions<StepFlowOptions> options, ILogger<StepFlowWorker> logger)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(logger);
        _engine = engine;
        _options = options.Value;
        _logger = logger;
    }

    /// <summary>Where the worker is in its life.</summary>
    public StepFlowWorkerState State => _state;

    /// <summary>The last start's recovery; null before it, or when <see cref="StepFlowOptions.RecoverOnStart"/> is off.</summary>
    public RecoveryReport? LastRecovery { get; private set; }

    /// <summary>Why starting failed, when <see cref="State"/> is <see cref="StepFlowWorkerState.Faulted"/>.</summary>
    public Exception? Fault { get; private set; }

    /// <summary>Resumes the store's running executions; a store that cannot be opened or read fails the host's start.</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        _state = StepFlowWorkerState.Starting;
        try
        {
            if (_options.RecoverOnStart)
            {
                var report = await _engine.RecoverAsync(cancellationToken).ConfigureAwait(false);
                LastRecovery = report;
                LogRecovered(report.Resumed.Count, report.Unrecoverable.Count, report.Purged);
                foreach (var unrecoverable in report.Unrecoverable)
                {
                    LogUnrecoverable(unrecoverable.ExecutionArn, unrecoverable.Quarantined, unrecoverable.Reason);
                }
            }

            _state = StepFlowWorkerState.Running;
        }
        catch (Exception e)
        {
            Fault = e;
            _state = StepFlowWorkerState.Faulted;
            LogStartFailed(e);
            throw;
        }
    }

    /// <summary>
    /// Drains until <paramref name="cancellationToken"/> (the host's shutdown timeout) fires or no execution runs, then
    /// stops what still runs where it is.
    /// </summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_state is StepFlowWorkerState.NotStarted or StepFlowWorkerState.Stopped)
        {
            return;
        }

        _state = StepFlowWorkerState.Draining;
        LogDraining();
        var drained = await _engine.DrainAsync(cancellationToken).ConfigureAwait(false);
        await _engine.ShutdownAsync(CancellationToken.None).ConfigureAwait(false);
        _state = StepFlowWorkerState.Stopped;
        LogStopped(drained);
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Information,
        Message = "StepFlow recovered the store: {Resumed} running executions resumed, {Unrecoverable} cannot resume, {Purged} closed executions past retention deleted")]
    private partial void LogRecovered(int resumed, int unrecoverable, int purged);

    [LoggerMessage(EventId = 2, Level = LogLevel.Warning,
        Message = "StepFlow cannot resume execution {ExecutionArn} (quarantined: {Quarantined}): {Reason}")]
    private partial void LogUnrecoverable(string executionArn, bool quarantined, string reason);

    [LoggerMessage(EventId = 3, Level = LogLevel.Error, Message = "StepFlow could not start: the store's running executions could not be recovered")]
    private partial void LogStartFailed(Exception exception);

    [LoggerMessage(EventId = 4, Level = LogLevel.Information,
        Message = "StepFlow is draining for shutdown: new executions are refused, running ones may finish until the host's shutdown timeout")]
    private partial void LogDraining();

    [LoggerMessage(EventId = 5, Level = LogLevel.Information,
        Message = "StepFlow stopped (every execution finished before the timeout: {Drained}); unfinished executions resume at the next start with a durable store")]
    private partial void LogStopped(bool drained);
}
