using Microsoft.Extensions.Logging;
using StepFlow.Definition;
using StepFlow.Diagnostics;
using StepFlow.Durability;
using StepFlow.Execution;
using StepFlow.Execution.Journal;
using StepFlow.History;
using StepFlow.Json;
using StepFlow.Parsing;
using StepFlow.Persistence;

namespace StepFlow.Service;

/// <content>Resuming executions after a restart, and redriving failed ones.</content>
internal sealed partial class ExecutionService
{
    private static readonly TimeSpan RedriveWindow = TimeSpan.FromDays(14);

    /// <summary>Resumes every RUNNING execution in the store that this engine is not running.</summary>
    public async Task<RecoveryReport> RecoverAsync(CancellationToken cancellationToken)
    {
        ThrowIfUnavailable();
        await EnsureInitializedAsync(cancellationToken).ConfigureAwait(false);
        var resumed = new List<string>();
        var unrecoverable = new List<UnrecoverableExecution>();
        foreach (var record in await Store.ListRunningAsync(cancellationToken).ConfigureAwait(false))
        {
            if (_live.ContainsKey(record.ExecutionArn))
            {
                continue;
            }

            if (record.Error == UnrecoverableExecution.QuarantinedError)
            {
                unrecoverable.Add(new UnrecoverableExecution(record.ExecutionArn, record.Cause ?? "its stored history is damaged", Quarantined: true));
                continue;
            }

            if (!TryParse(record, out var machine, out var problem))
            {
                unrecoverable.Add(new UnrecoverableExecution(record.ExecutionArn, problem));
                continue;
            }

            IReadOnlyList<HistoryRecord> stored;
            try
            {
                stored = await ReadRecordsAsync(record.ExecutionArn, cancellationToken).ConfigureAwait(false);
            }
            catch (StoreSchemaException e)
            {
                // One execution's damaged rows must not keep the others from resuming: it is set aside, its data kept.
                unrecoverable.Add(await QuarantineAsync(record, "its stored history is damaged: " + e.Message).ConfigureAwait(false));
                continue;
            }

            var replay = ReplayJournal.Build(stored, 1, record.RedriveCount, resumeOpenVisits: true);
            var run = new RunContext(
                _engine, machine, record.Input, RunOptions(MachineName(record), record.Name, record.ExecutionArn, StateMachineType.Standard, record.AllowedResources),
                record.StartDate, record.RedriveDate ?? record.StartDate)
            {
                Replay = replay,
                Generation = record.RedriveCount,
                RedriveTime = record.RedriveDate,
                TokenSecret = replay.Secret ?? TaskCheckpoints.NewSecret(),
                Resumed = stored.Count > 0,
                CheckpointsEffects = Store.IsDurable,
            };
            Journal(run, stored);
            _stalled.TryRemove(record.ExecutionArn, out _);
            Launch(new LiveExecution(run, record));
            resumed.Add(record.ExecutionArn);
            if (_engine.Telemetry.LoggerFor(LogLevel.Information) is { } logger)
            {
                EngineLog.ExecutionResumed(logger, record.ExecutionArn);
            }
        }

        if (unrecoverable.Count > 0 && _engine.Telemetry.LoggerFor(LogLevel.Error) is { } errorLogger)
        {
            foreach (var execution in unrecoverable)
            {
                EngineLog.ExecutionUnrecoverable(errorLogger, execution.ExecutionArn, execution.Reason);
            }
        }

        var purged = await Store.PurgeAsync(_engine.TimeProvider.GetUtcNow() - Options.HistoryRetention, cancellationToken).ConfigureAwait(false);
        return new RecoveryReport(resumed, unrecoverable, purged);
    }

    /// <summary>
    /// Marks a RUNNING execution that cannot be read back as quarantined — its record's error and cause, nothing else
    /// changes, nothing is deleted — so later recoveries list it without reading it again. When even that write fails,
    /// the execution is reported unmarked and tried again at the next recovery.
    /// </summary>
    private async Task<UnrecoverableExecution> QuarantineAsync(ExecutionRecord record, string reason)
    {
        var marked = record with { Error = UnrecoverableExecution.QuarantinedError, Cause = reason };
        try
        {
            await _writer.Value.EnqueueAsync(() => new ExecutionWrite(record.ExecutionArn, marked, [])).ConfigureAwait(false);
            return new UnrecoverableExecution(record.ExecutionArn, reason, Quarantined: true);
        }
        catch (Exception e) when (e is IOException or InvalidOperationException or StoreSchemaException or UnauthorizedAccessException)
        {
            return new UnrecoverableExecution(record.ExecutionArn, $"{reason} (it could not be marked quarantined: {e.Message})");
        }
    }

    /// <summary>Restarts a failed, timed-out or aborted execution from where it stopped (AWS's RedriveExecution).</summary>
    public async Task<DateTimeOffset> RedriveAsync(string executionArn, CancellationToken cancellationToken)
    {
        ThrowIfDraining("RedriveExecution");
        ThrowIfUnavailable();
        await _redrive.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var record = await GetRecordAsync(executionArn, cancellationToken).ConfigureAwait(false);
            if (RedriveReason(record) is { } reason)
            {
                throw new ExecutionApiException(ExecutionApiErrorCodes.ExecutionNotRedrivable, $"Execution Not Redrivable: {reason}.");
            }

            if (!TryParse(record, out var machine, out var problem))
            {
                throw new ExecutionApiException(ExecutionApiErrorCodes.ExecutionNotRedrivable, $"Execution Not Redrivable: {problem}");
            }

            var stored = await ReadRecordsAsync(record.ExecutionArn, cancellationToken).ConfigureAwait(false);
            var now = _engine.TimeProvider.GetUtcNow();
            var generation = record.RedriveCount + 1;
            var redriven = record with
            {
                Status = ExecutionStatus.Running,
                StopDate = null,
                Output = null,
                Error = null,
                Cause = null,
                RedriveCount = generation,
                RedriveDate = now,
            };
            var replay = ReplayJournal.Build(stored, 1, generation, resumeOpenVisits: false);
            var run = new RunContext(
                _engine, machine, record.Input, RunOptions(MachineName(record), record.Name, record.ExecutionArn, StateMachineType.Standard, record.AllowedResources),
                record.StartDate, now)
            {
                Replay = replay,
                Generation = generation,
                RedriveTime = now,
                TokenSecret = replay.Secret ?? TaskCheckpoints.NewSecret(),
                Resumed = true,
                CheckpointsEffects = Store.IsDurable,
            };
            Journal(run, stored);
            run.History.Add(
                HistoryEventTypes.ExecutionRedriven,
                extra: JsonObject.Create(("redriveCount", JsonValue.From(generation))),
                utcTicks: now.UtcTicks);
            await run.Log!.CheckpointAsync(redriven).ConfigureAwait(false);
            Launch(new LiveExecution(run, redriven));
            if (EngineTelemetry.ExecutionsRedriven.Enabled)
            {
                EngineTelemetry.ExecutionsRedriven.Add(1, new KeyValuePair<string, object?>(StepFlowTags.StateMachineArnDimension, run.StateMachineArn));
            }

            if (_engine.Telemetry.LoggerFor(LogLevel.Information) is { } logger)
            {
                EngineLog.ExecutionRedriven(logger, record.ExecutionArn, generation);
            }

            return now;
        }
        finally
        {
            _redrive.Release();
        }
    }

    /// <summary>Makes <paramref name="run"/> journaled: its stored events put back, its checkpoints going to the store.</summary>
    private void Journal(RunContext run, IReadOnlyList<HistoryRecord> stored)
    {
        run.History.UseSerializedWrites();
        run.History.Seed(stored);
        run.Log = new DurableLog(_writer.Value, run.ExecutionArn, run.History, stored.Count, Store as IEventPreEncoder, _engine.TimeProvider);
    }

    private async Task<IReadOnlyList<HistoryRecord>> ReadRecordsAsync(string executionArn, CancellationToken cancellationToken)
    {
        var events = await Store.ReadEventsAsync(executionArn, cancellationToken).ConfigureAwait(false);
        var records = new HistoryRecord[events.Count];
        for (var i = 0; i < events.Count; i++)
        {
            records[i] = EventConversion.ToRecord(events[i]);
        }

        return records;
    }

    private static bool TryParse(ExecutionRecord record, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out StateMachine? machine, out string problem)
    {
        if (StateMachine.TryParse(record.Definition, out machine, out var diagnostics))
        {
            problem = string.Empty;
            return true;
        }

        problem = "its stored definition no longer parses: " +
                  string.Join("; ", diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Select(d => d.ToString()));
        return false;
    }

    private static string MachineName(ExecutionRecord record)
    {
        var marker = record.StateMachineArn.LastIndexOf(':');
        return marker >= 0 ? record.StateMachineArn[(marker + 1)..] : record.StateMachineArn;
    }

    private static bool PastRedriveWindow(ExecutionRecord record, DateTimeOffset now) =>
        record.StopDate is { } stopped && now - stopped > RedriveWindow;
}
