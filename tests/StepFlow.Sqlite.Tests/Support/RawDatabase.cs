using System.Globalization;
using Microsoft.Data.Sqlite;

namespace StepFlow.Sqlite.Tests.Support;

/// <summary>Direct SQL on a database file, to inspect what the store wrote or to damage it on purpose.</summary>
internal static class RawDatabase
{
    public static object? Scalar(string path, string sql)
    {
        using var connection = Open(path);
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }

    public static long Count(string path, string sql) => Convert.ToInt64(Scalar(path, sql), CultureInfo.InvariantCulture);

    public static void Execute(string path, string sql)
    {
        using var connection = Open(path);
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    public static SqliteConnection Open(string path)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        connection.Open();
        return connection;
    }
}
