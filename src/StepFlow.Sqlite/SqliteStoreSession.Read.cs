using System.Text;
using Microsoft.Data.Sqlite;
using StepFlow.Execution;
using StepFlow.Json;
using StepFlow.Persistence;
using StepFlow.Service;

namespace StepFlow.Sqlite;

/// <content>Reading records and events back. Data that does not decode is reported, never skipped.</content>
internal sealed partial class SqliteStoreSession
{
    private const string RecordColumns =
        "e.arn, e.name, e.state_machine_arn, e.status, e.start_ticks, e.stop_ticks, e.redrive_count, e.redrive_ticks, " +
        "e.not_redrivable_reason, e.error, e.cause, e.definition_id, d.input, d.output, e.id, " +
        "(SELECT c.last_id FROM event_chunks c WHERE c.execution_id = e.id ORDER BY c.first_id DESC LIMIT 1), d.allowed_resources " +
        "FROM executions e JOIN execution_data d ON d.execution_id = e.id";

    private readonly SqliteCommand _getRecord;
    private readonly SqliteCommand _listRunning;

    /// <summary>The execution's record, or null.</summary>
    public ExecutionRecord? Get(string executionArn)
    {
        Set(_getRecord, 0, executionArn);
        using var reader = _getRecord.ExecuteReader();
        return reader.Read() ? ReadRecord(reader) : null;
    }

    /// <summary>Every running execution, oldest first; one whose record is damaged is listed as quarantined (see <see cref="DamagedRunning"/>).</summary>
    public IReadOnlyList<ExecutionRecord> ListRunning()
    {
        using var reader = _listRunning.ExecuteReader();
        var records = new List<ExecutionRecord>();
        while (reader.Read())
        {
            try
            {
                records.Add(ReadRecord(reader));
            }
            catch (StoreSchemaException e)
            {
                records.Add(DamagedRunning(reader, e));
            }
        }

        return records;
    }

    /// <summary>
    /// A running execution whose record does not decode, as the recovery needs it: its ARN, whatever else still reads,
    /// and the quarantine error with the damage as the cause. Nothing is written: the row stays as it is for inspection.
    /// </summary>
    private static ExecutionRecord DamagedRunning(SqliteDataReader reader, StoreSchemaException damage) =>
        new()
        {
            ExecutionArn = reader.GetString(0),
            Name = Readable(() => reader.GetString(1)) ?? string.Empty,
            StateMachineArn = Readable(() => reader.GetString(2)) ?? string.Empty,
            Status = ExecutionStatus.Running,
            StartDate = Readable(() => (DateTimeOffset?)Instant(reader.GetInt64(4))) ?? DateTimeOffset.UnixEpoch,
            Definition = JsonObject.Empty,
            Input = JsonValue.Null,
            Error = UnrecoverableExecution.QuarantinedError,
            Cause = "its stored record is damaged: " + damage.Message,
        };

    private static T? Readable<T>(Func<T> read)
    {
        try
        {
            return read();
        }
        catch (Exception e) when (e is FormatException or OverflowException or ArgumentException or InvalidCastException)
        {
            return default;
        }
    }

    /// <summary>One page of a state machine's executions, newest first.</summary>
    public ExecutionRecordPage List(ExecutionQuery query, ListContinuation? after)
    {
        var sql = new StringBuilder($"SELECT {RecordColumns} WHERE e.state_machine_arn = $sm");
        using var command = _connection.CreateCommand();
        command.Parameters.AddWithValue("$sm", (object?)query.StateMachineArn ?? DBNull.Value);
        if (query.Status is { } status)
        {
            sql.Append(" AND e.status = $status");
            command.Parameters.AddWithValue("$status", ExecutionStatusText.Of(status));
        }

        if (query.Redriven is { } redriven)
        {
            sql.Append(redriven ? " AND e.redrive_count > 0" : " AND e.redrive_count <= 0");
        }

        if (after is { } key)
        {
            sql.Append(" AND (e.start_ticks < $ticks OR (e.start_ticks = $ticks AND e.arn > $arn))");
            command.Parameters.AddWithValue("$ticks", key.StartTicks);
            command.Parameters.AddWithValue("$arn", key.ExecutionArn);
        }

        sql.Append(" ORDER BY e.start_ticks DESC, e.arn LIMIT $limit");
        command.Parameters.AddWithValue("$limit", (long)query.Limit + 1);
        command.CommandText = sql.ToString();
        using var reader = command.ExecuteReader();
        var records = ReadRecords(reader, query.Limit + 1L);
        if (records.Count <= query.Limit)
        {
            return new ExecutionRecordPage(records, null);
        }

        records.RemoveAt(records.Count - 1);
        var last = records[^1];
        return new ExecutionRecordPage(records, new ListContinuation(last.StartDate.UtcTicks, last.ExecutionArn).Format());
    }

    /// <summary>The execution's events in id order; empty when it has none or does not exist.</summary>
    public IReadOnlyList<StoredEvent> ReadEvents(string executionArn)
    {
        var events = new List<StoredEvent>();
        _chunks.Read(executionArn, (first, last, chunk) =>
        {
            try
            {
                if (first != events.Count + 1 || last < first)
                {
                    throw new FormatException($"the events continue with ids {first}..{last} after event {events.Count}");
                }

                EventChunkCodec.Decode(chunk, first, last, events);
            }
            catch (Exception e) when (e is FormatException or OverflowException or ArgumentException)
            {
                throw Damaged($"events {first}..{last} of '{executionArn}'", e);
            }
        });
        return events;
    }

    private List<ExecutionRecord> ReadRecords(SqliteDataReader reader, long max)
    {
        var records = new List<ExecutionRecord>();
        while (records.Count < max && reader.Read())
        {
            records.Add(ReadRecord(reader));
        }

        return records;
    }

    private ExecutionRecord ReadRecord(SqliteDataReader reader)
    {
        var arn = reader.GetString(0);
        try
        {
            var record = new ExecutionRecord
            {
                ExecutionArn = arn,
                Name = reader.GetString(1),
                StateMachineArn = reader.GetString(2),
                Status = ExecutionStatusText.Parse(reader.GetString(3)),
                StartDate = Instant(reader.GetInt64(4)),
                StopDate = reader.IsDBNull(5) ? null : Instant(reader.GetInt64(5)),
                RedriveCount = checked((int)reader.GetInt64(6)),
                RedriveDate = reader.IsDBNull(7) ? null : Instant(reader.GetInt64(7)),
                NotRedrivableReason = reader.IsDBNull(8) ? null : reader.GetString(8),
                Error = reader.IsDBNull(9) ? null : reader.GetString(9),
                Cause = reader.IsDBNull(10) ? null : reader.GetString(10),
                Definition = Definition(reader.GetInt64(11)),
                Input = JsonValue.Parse(reader.GetString(12)),
                Output = reader.IsDBNull(13) ? null : JsonValue.Parse(reader.GetString(13)),
                AllowedResources = reader.IsDBNull(16) ? null : AllowList(reader.GetString(16)),
            };
            if (record.Status == ExecutionStatus.Running)
            {
                _known[arn] = new KnownExecution(reader.GetInt64(14), reader.IsDBNull(15) ? 0 : reader.GetInt64(15), record);
            }

            return record;
        }
        catch (Exception e) when (e is FormatException or OverflowException or ArgumentException or InvalidCastException)
        {
            throw Damaged($"the record of '{arn}'", e);
        }
    }

    private static DateTimeOffset Instant(long utcTicks) => new(utcTicks, TimeSpan.Zero);

    /// <summary>An allow-list as stored: a JSON array of strings.</summary>
    private static string AllowListText(IReadOnlyList<string> patterns) =>
        JsonArray.Create(patterns.Select(p => (JsonValue)JsonValue.From(p))).ToJsonString();

    private static string[] AllowList(string text) =>
        JsonValue.Parse(text) is JsonArray array && array.All(item => item is JsonString)
            ? [.. array.Select(item => ((JsonString)item).Value)]
            : throw new FormatException("the resource allow-list is not a JSON array of strings");
}
