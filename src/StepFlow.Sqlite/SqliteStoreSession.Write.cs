using Microsoft.Data.Sqlite;
using StepFlow.Execution;
using StepFlow.Json;
using StepFlow.Persistence;

namespace StepFlow.Sqlite;

/// <content>Creating executions, committing writes and purging, each in one transaction.</content>
internal sealed partial class SqliteStoreSession
{
    private readonly RawStatement _findExecution;
    private readonly SqliteCommand _insertExecution;
    private readonly SqliteCommand _updateExecution;
    private readonly RawStatement _updateState;
    private readonly RawStatement _updateStateSameStatus;
    private readonly SqliteCommand _insertData;
    private readonly SqliteCommand _updateInput;
    private readonly SqliteCommand _updateOutput;
    private readonly EventChunkCodec _codec = new();

    /// <summary>
    /// What the file holds for executions this session wrote or read that may still run: their row, last event id and
    /// record. Saves looking them up on every commit and rewriting an input, output or record that did not change.
    /// </summary>
    private readonly Dictionary<string, KnownExecution> _known = new(StringComparer.Ordinal);

    /// <summary>What the open transaction changes in <see cref="_known"/> (null: forget the execution).</summary>
    private readonly Dictionary<string, KnownExecution?> _pendingKnown = new(StringComparer.Ordinal);

    /// <summary>Adds the execution unless its ARN exists; returns the existing record then.</summary>
    public ExecutionRecord? TryCreate(ExecutionRecord record, IReadOnlyList<StoredEvent> events)
    {
        CheckRecord(record);
        CheckEventIds(record.ExecutionArn, 0, events);
        Begin();
        try
        {
            if (Locate(record.ExecutionArn) is not null)
            {
                var existing = Get(record.ExecutionArn);
                RollbackQuietly();
                return existing;
            }

            var definitionId = DefinitionId(record.Definition);
            var command = _insertExecution;
            Set(command, 0, record.ExecutionArn);
            Set(command, 1, record.Name);
            Set(command, 2, record.StateMachineArn);
            Set(command, 3, ExecutionStatusText.Of(record.Status));
            Set(command, 4, record.StartDate.UtcTicks);
            SetState(command, 5, record);
            Set(command, 11, definitionId);
            // The new row's id without RETURNING, which would first collect the row in a temporary table.
            command.ExecuteNonQuery();
            var id = SQLitePCL.raw.sqlite3_last_insert_rowid(_connection.Handle);
            Set(_insertData, 0, id);
            Set(_insertData, 1, JsonText(record.Input, "execution input"));
            Set(_insertData, 2, record.Output is null ? null : JsonText(record.Output, "execution output"));
            Set(_insertData, 3, record.AllowedResources is { } allowed ? AllowListText(allowed) : null);
            _insertData.ExecuteNonQuery();
            InsertChunks(id, 1, events);
            Learn(record.ExecutionArn, new KnownExecution(id, events.Count, record));
            CommitTransaction();
        }
        catch
        {
            Abandon();
            throw;
        }

        Committed();
        return null;
    }

    /// <summary>Writes every part of <paramref name="writes"/> in one transaction.</summary>
    public void Commit(IReadOnlyList<ExecutionWrite> writes)
    {
        if (writes.Count == 0)
        {
            return;
        }

        Begin();
        try
        {
            foreach (var write in writes)
            {
                if (write is null || write.ExecutionArn is null || write.Events is null)
                {
                    throw new ArgumentException("A write, its execution ARN or its event list is null.", nameof(writes));
                }

                var known = Locate(write.ExecutionArn) ??
                    throw new InvalidOperationException($"The store has no execution '{write.ExecutionArn}'.");
                CheckEventIds(write.ExecutionArn, known.LastEventId, write.Events);
                InsertChunks(known.Id, known.LastEventId + 1, write.Events);
                if (write.Record is { } record)
                {
                    if (!string.Equals(record.ExecutionArn, write.ExecutionArn, StringComparison.Ordinal))
                    {
                        throw new ArgumentException(
                            $"A write for '{write.ExecutionArn}' carries the record of '{record.ExecutionArn}'.", nameof(writes));
                    }

                    UpdateRecord(known, record);
                }

                Learn(write.ExecutionArn, new KnownExecution(known.Id, known.LastEventId + write.Events.Count, write.Record ?? known.Record));
            }

            CommitTransaction();
        }
        catch
        {
            Abandon();
            throw;
        }

        Committed();
    }

    /// <summary>Deletes closed executions that stopped before <paramref name="stoppedBefore"/>, and definitions no execution uses any more.</summary>
    public int Purge(DateTimeOffset stoppedBefore)
    {
        const string Expired = $"SELECT id FROM executions WHERE status <> '{ExecutionStatusText.Running}' AND stop_ticks < $before";
        int purged;
        int orphans;
        Begin();
        try
        {
            Execute($"DELETE FROM event_chunks WHERE execution_id IN ({Expired})", stoppedBefore.UtcTicks);
            Execute($"DELETE FROM execution_data WHERE execution_id IN ({Expired})", stoppedBefore.UtcTicks);
            purged = Execute($"DELETE FROM executions WHERE id IN ({Expired})", stoppedBefore.UtcTicks);
            orphans = purged == 0 ? 0 : Execute(
                "DELETE FROM definitions WHERE NOT EXISTS (SELECT 1 FROM executions e WHERE e.definition_id = definitions.id)", null);
            CommitTransaction();
        }
        catch
        {
            Abandon();
            throw;
        }

        if (purged > 0)
        {
            // An execution the cache knows without its record may have been closed and purged: forget them all.
            _known.Clear();
        }

        if (orphans > 0)
        {
            ForgetDefinitions();
        }

        return purged;
    }

    private int Execute(string sql, long? before)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = sql;
        if (before is { } ticks)
        {
            command.Parameters.AddWithValue("$before", ticks);
        }

        return command.ExecuteNonQuery();
    }

    /// <summary>The execution as the open transaction sees it, or null when it does not exist.</summary>
    private KnownExecution? Locate(string executionArn)
    {
        if (_pendingKnown.TryGetValue(executionArn, out var pending))
        {
            if (pending is { } changed)
            {
                return changed;
            }
        }
        else if (_known.TryGetValue(executionArn, out var known))
        {
            return known;
        }

        try
        {
            _findExecution.Bind(1, executionArn);
            if (!_findExecution.Step())
            {
                return null;
            }

            var row = _findExecution.Handle;
            return new KnownExecution(SQLitePCL.raw.sqlite3_column_int64(row, 0), SQLitePCL.raw.sqlite3_column_int64(row, 1), null);
        }
        finally
        {
            _findExecution.Reset();
        }
    }

    /// <summary>Replaces the record, writing only what differs from the stored one when that is known.</summary>
    private void UpdateRecord(KnownExecution known, ExecutionRecord record)
    {
        CheckRecord(record);
        var old = known.Record;
        if (old is not null &&
            string.Equals(old.Name, record.Name, StringComparison.Ordinal) &&
            string.Equals(old.StateMachineArn, record.StateMachineArn, StringComparison.Ordinal) &&
            old.StartDate.UtcTicks == record.StartDate.UtcTicks &&
            ReferenceEquals(old.Definition, record.Definition))
        {
            if (!SameState(old, record))
            {
                var statement = old.Status == record.Status ? _updateStateSameStatus : _updateState.Bind(7, ExecutionStatusText.Of(record.Status));
                statement
                    .Bind(1, record.StopDate?.UtcTicks)
                    .Bind(2, record.RedriveCount)
                    .Bind(3, record.RedriveDate?.UtcTicks)
                    .Bind(4, record.NotRedrivableReason)
                    .Bind(5, record.Error)
                    .Bind(6, record.Cause)
                    .Bind(8, known.Id)
                    .Run();
            }
        }
        else
        {
            var command = _updateExecution;
            Set(command, 0, record.Name);
            Set(command, 1, record.StateMachineArn);
            Set(command, 2, ExecutionStatusText.Of(record.Status));
            Set(command, 3, record.StartDate.UtcTicks);
            SetState(command, 4, record);
            Set(command, 10, DefinitionId(record.Definition));
            Set(command, 11, known.Id);
            command.ExecuteNonQuery();
        }

        if (old is null || !ReferenceEquals(old.Input, record.Input))
        {
            Set(_updateInput, 0, JsonText(record.Input, "execution input"));
            Set(_updateInput, 1, known.Id);
            _updateInput.ExecuteNonQuery();
        }

        if (old is null || !ReferenceEquals(old.Output, record.Output))
        {
            Set(_updateOutput, 0, record.Output is null ? null : JsonText(record.Output, "execution output"));
            Set(_updateOutput, 1, known.Id);
            _updateOutput.ExecuteNonQuery();
        }
    }

    private static bool SameState(ExecutionRecord old, ExecutionRecord record) =>
        old.Status == record.Status &&
        old.StopDate?.UtcTicks == record.StopDate?.UtcTicks &&
        old.RedriveCount == record.RedriveCount &&
        old.RedriveDate?.UtcTicks == record.RedriveDate?.UtcTicks &&
        string.Equals(old.NotRedrivableReason, record.NotRedrivableReason, StringComparison.Ordinal) &&
        string.Equals(old.Error, record.Error, StringComparison.Ordinal) &&
        string.Equals(old.Cause, record.Cause, StringComparison.Ordinal);

    /// <summary>Sets the six columns that change as an execution runs (stop_ticks .. cause), from parameter <paramref name="at"/>.</summary>
    private static void SetState(SqliteCommand command, int at, ExecutionRecord record)
    {
        Set(command, at, record.StopDate?.UtcTicks);
        Set(command, at + 1, record.RedriveCount);
        Set(command, at + 2, record.RedriveDate?.UtcTicks);
        Set(command, at + 3, record.NotRedrivableReason);
        Set(command, at + 4, record.Error);
        Set(command, at + 5, record.Cause);
    }

    private void InsertChunks(long executionId, long firstId, IReadOnlyList<StoredEvent> events)
    {
        if (events is RecordedEvents { PreEncoded: EncodedChunks encoded } recorded && encoded.Hold(recorded))
        {
            var id = firstId;
            foreach (var (count, bytes) in encoded.Chunks)
            {
                _chunks.Insert(executionId, id, id + count - 1, bytes);
                id += count;
            }

            return;
        }

        var at = 0;
        while (at < events.Count)
        {
            var count = _codec.Encode(events, at);
            _chunks.Insert(executionId, firstId + at, firstId + at + count - 1, _codec.Chunk);
            at += count;
        }
    }

    private static void CheckEventIds(string executionArn, long last, IReadOnlyList<StoredEvent> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        if (events is RecordedEvents recorded)
        {
            // The engine's own events: ids follow one another by construction.
            if (recorded.Count > 0 && recorded.FirstId != last + 1)
            {
                throw new InvalidOperationException($"Event {recorded.FirstId} of '{executionArn}' does not follow event {last}.");
            }

            return;
        }

        for (var i = 0; i < events.Count; i++)
        {
            var stored = events[i] ?? throw new ArgumentException($"The events of '{executionArn}' hold null.", nameof(events));
            if (stored.Id != last + i + 1)
            {
                throw new InvalidOperationException($"Event {stored.Id} of '{executionArn}' does not follow event {last + i}.");
            }
        }
    }

    private static void CheckRecord(ExecutionRecord record)
    {
        if (record.ExecutionArn is null || record.Name is null || record.StateMachineArn is null || record.Definition is null || record.Input is null)
        {
            throw new ArgumentException($"The record of '{record.ExecutionArn}' lacks a required value.", nameof(record));
        }

        Utf8Buffer.CheckText(record.ExecutionArn, "execution ARN");
        Utf8Buffer.CheckText(record.Name, "execution name");
        Utf8Buffer.CheckText(record.StateMachineArn, "state machine ARN");
        CheckOptional(record.Error, "execution error");
        CheckOptional(record.Cause, "execution cause");
        CheckOptional(record.NotRedrivableReason, "not-redrivable reason");

        static void CheckOptional(string? text, string what)
        {
            if (text is not null)
            {
                Utf8Buffer.CheckText(text, what);
            }
        }
    }

    private static string JsonText(JsonValue value, string what)
    {
        var text = value.ToJsonString();
        Utf8Buffer.CheckText(text, what);
        return text;
    }

    /// <summary>Notes what the open transaction wrote for an execution (kept while it may still run).</summary>
    private void Learn(string executionArn, KnownExecution execution) =>
        _pendingKnown[executionArn] = execution.Record is null || execution.Record.Status == ExecutionStatus.Running ? execution : null;

    /// <summary>After a failed transaction: roll back and drop what it would have taught the caches.</summary>
    private void Abandon()
    {
        RollbackQuietly();
        _pendingKnown.Clear();
        _pendingDefinitions.Clear();
    }

    /// <summary>After a committed transaction: the caches learn what it wrote.</summary>
    private void Committed()
    {
        foreach (var (arn, execution) in _pendingKnown)
        {
            if (execution is { } known)
            {
                _known[arn] = known;
            }
            else
            {
                _known.Remove(arn);
            }
        }

        _pendingKnown.Clear();
        CommitDefinitions();
    }

    /// <summary>What the file holds for one execution: its row id, its last event id and (when known) its record.</summary>
    private readonly record struct KnownExecution(long Id, long LastEventId, ExecutionRecord? Record);
}
