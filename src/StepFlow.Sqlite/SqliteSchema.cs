using System.Globalization;
using Microsoft.Data.Sqlite;
using StepFlow.Persistence;

namespace StepFlow.Sqlite;

/// <summary>
/// The store's tables, and the check that a file holds them: SQLite's <c>application_id</c> marks a StepFlow store and
/// <c>user_version</c> is its schema version. A file is only ever written after it passed the check.
/// </summary>
internal static class SqliteSchema
{
    /// <summary>The <c>application_id</c> of a StepFlow store: "SFlw".</summary>
    public const int ApplicationId = 0x53466C77;

    /// <summary>The schema version this code writes and reads.</summary>
    public const int Version = 3;

    /// <summary>The tables a store has (the same in versions 1 to 3).</summary>
    public static readonly string[] Tables = ["definitions", "executions", "execution_data", "event_chunks"];

    private const string CreateSql = """
        CREATE TABLE definitions (
            id INTEGER PRIMARY KEY,
            hash BLOB NOT NULL UNIQUE,
            definition TEXT NOT NULL
        );
        CREATE TABLE executions (
            id INTEGER PRIMARY KEY,
            arn TEXT NOT NULL UNIQUE,
            name TEXT NOT NULL,
            state_machine_arn TEXT NOT NULL,
            status TEXT NOT NULL,
            start_ticks INTEGER NOT NULL,
            stop_ticks INTEGER,
            redrive_count INTEGER NOT NULL,
            redrive_ticks INTEGER,
            not_redrivable_reason TEXT,
            error TEXT,
            cause TEXT,
            definition_id INTEGER NOT NULL REFERENCES definitions (id)
        );
        CREATE INDEX executions_by_machine ON executions (state_machine_arn, start_ticks DESC, arn);
        CREATE INDEX executions_running ON executions (status) WHERE status = 'RUNNING';
        CREATE INDEX executions_by_definition ON executions (definition_id);
        CREATE TABLE execution_data (
            execution_id INTEGER PRIMARY KEY REFERENCES executions (id),
            input TEXT NOT NULL,
            output TEXT,
            allowed_resources TEXT
        );
        CREATE TABLE event_chunks (
            execution_id INTEGER NOT NULL REFERENCES executions (id),
            first_id INTEGER NOT NULL,
            last_id INTEGER NOT NULL,
            events BLOB NOT NULL,
            PRIMARY KEY (execution_id, first_id)
        ) WITHOUT ROWID;
        """;

    /// <summary>
    /// Checks what <paramref name="connection"/>'s file holds and creates the schema in an empty one.
    /// </summary>
    /// <exception cref="StoreSchemaException">The file is not a SQLite database, or another application's, or a newer or damaged store.</exception>
    public static void CheckOrCreate(SqliteConnection connection, string path, int pageSize)
    {
        long applicationId;
        long version;
        List<string> tables;
        long objects;
        try
        {
            applicationId = Scalar(connection, "PRAGMA application_id");
            version = Scalar(connection, "PRAGMA user_version");
            tables = Names(connection);
            objects = Scalar(connection, "SELECT count(*) FROM sqlite_schema");
        }
        catch (SqliteException e) when (e.SqliteErrorCode is SqliteErrors.NotADatabase or SqliteErrors.Corrupt)
        {
            throw new StoreSchemaException(
                $"The file '{path}' is not a StepFlow store: it is not a SQLite database (SQLite: {e.Message}). It may be " +
                "damaged or another kind of file; nothing was written to it.", e);
        }

        if (applicationId == 0 && objects == 0)
        {
            Create(connection, pageSize);
            return;
        }

        if (applicationId != ApplicationId)
        {
            throw new StoreSchemaException(
                $"The file '{path}' is a SQLite database of another application (application_id {applicationId.ToString(CultureInfo.InvariantCulture)}, " +
                $"tables: {Describe(tables)}), not a StepFlow store; nothing was written to it.");
        }

        if (version > Version)
        {
            throw new StoreSchemaException(
                $"The StepFlow store '{path}' has schema version {version.ToString(CultureInfo.InvariantCulture)}, written by a newer StepFlow; " +
                $"this version reads schema version {Version.ToString(CultureInfo.InvariantCulture)} only. Nothing was written to it.");
        }

        var missing = Tables.Where(t => !tables.Contains(t, StringComparer.OrdinalIgnoreCase)).ToList();
        if (version is 1 or 2 && missing.Count == 0)
        {
            // Version 2 changed only how new event chunks are written (version 1 chunks are still read); version 3 added
            // the execution's resource allow-list, null for every execution written before. One transaction: all or nothing.
            using var transaction = connection.BeginTransaction();
            using var upgrade = connection.CreateCommand();
            upgrade.Transaction = transaction;
            upgrade.CommandText =
                (HasColumn(connection, "execution_data", "allowed_resources") ? string.Empty : "ALTER TABLE execution_data ADD COLUMN allowed_resources TEXT;") +
                $"PRAGMA user_version = {Version.ToString(CultureInfo.InvariantCulture)};";
            upgrade.ExecuteNonQuery();
            transaction.Commit();
            return;
        }

        if (version < Version || missing.Count > 0)
        {
            throw new StoreSchemaException(
                $"The StepFlow store '{path}' is incomplete (schema version {version.ToString(CultureInfo.InvariantCulture)}, " +
                $"missing tables: {Describe(missing)}); nothing was written to it.");
        }
    }

    private static bool HasColumn(SqliteConnection connection, string table, string column)
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT count(*) FROM pragma_table_info('{table}') WHERE name = '{column}'";
        return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture) > 0;
    }

    private static void Create(SqliteConnection connection, int pageSize)
    {
        using (var pragma = connection.CreateCommand())
        {
            pragma.CommandText = "PRAGMA page_size = " + pageSize.ToString(CultureInfo.InvariantCulture);
            pragma.ExecuteNonQuery();
        }

        using var transaction = connection.BeginTransaction();
        using (var command = connection.CreateCommand())
        {
            command.Transaction = transaction;
            command.CommandText = CreateSql +
                $"PRAGMA application_id = {ApplicationId.ToString(CultureInfo.InvariantCulture)};" +
                $"PRAGMA user_version = {Version.ToString(CultureInfo.InvariantCulture)};";
            command.ExecuteNonQuery();
        }

        transaction.Commit();
    }

    private static long Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    private static List<string> Names(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name";
        using var reader = command.ExecuteReader();
        var names = new List<string>();
        while (reader.Read())
        {
            names.Add(reader.GetString(0));
        }

        return names;
    }

    private static string Describe(List<string> names) =>
        names.Count == 0 ? "none" : string.Join(", ", names.Take(10)) + (names.Count > 10 ? ", ..." : string.Empty);
}
