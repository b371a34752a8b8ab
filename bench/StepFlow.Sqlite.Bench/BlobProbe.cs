using System.Diagnostics;
using Microsoft.Data.Sqlite;

namespace StepFlow.Sqlite.Bench;

/// <summary>Times bare SQLite inserts of chunk-sized blobs (no encoding), per page size and checkpoint interval.</summary>
internal static class BlobProbe
{
    public static void Run(string directory)
    {
        foreach (var (pageSize, checkpoint) in new[] { (4096, 1000), (4096, 10000), (8192, 1000), (16384, 1000), (16384, 4000) })
        {
            var path = Path.Combine(directory, $"probe-{Guid.NewGuid():N}.db");
            using (var connection = new SqliteConnection($"Data Source={path};Pooling=False"))
            {
                connection.Open();
                Exec(connection, $"PRAGMA page_size={pageSize}; PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA wal_autocheckpoint={checkpoint};" +
                    "CREATE TABLE c (e INTEGER, f INTEGER, l INTEGER, b BLOB, PRIMARY KEY (e, f)) WITHOUT ROWID;");
                var blob = new byte[336_000];
                new Random(1).NextBytes(blob);
                using var insert = connection.CreateCommand();
                insert.CommandText = "INSERT INTO c VALUES (1, $f, $l, $b)";
                var f = insert.Parameters.Add("$f", SqliteType.Integer);
                insert.Parameters.Add("$l", SqliteType.Integer).Value = 0;
                insert.Parameters.Add("$b", SqliteType.Blob).Value = blob;
                using var begin = connection.CreateCommand();
                begin.CommandText = "BEGIN IMMEDIATE";
                using var commit = connection.CreateCommand();
                commit.CommandText = "COMMIT";
                var n = 0;
                var cpu = Process.GetCurrentProcess().TotalProcessorTime;
                var sw = Stopwatch.StartNew();
                while (sw.Elapsed.TotalSeconds < 2)
                {
                    begin.ExecuteNonQuery();
                    f.Value = n++;
                    insert.ExecuteNonQuery();
                    commit.ExecuteNonQuery();
                }

                var cpuSeconds = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds;
                Console.WriteLine($"page {pageSize}, checkpoint {checkpoint}: {n / sw.Elapsed.TotalSeconds:F0} blob commits/s, {n / cpuSeconds:F0} per CPU second ({n * 2000 / cpuSeconds:F0} events per CPU second)");
            }

            foreach (var suffix in new[] { string.Empty, "-wal", "-shm" })
            {
                File.Delete(path + suffix);
            }
        }
    }

    /// <summary>Times one row per event instead: 2,000 inserts of a 170-byte blob per transaction.</summary>
    public static void RunPerRow(string directory)
    {
        var path = Path.Combine(directory, $"probe-{Guid.NewGuid():N}.db");
        using (var connection = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            connection.Open();
            Exec(connection, "PRAGMA page_size=8192; PRAGMA locking_mode=EXCLUSIVE; PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;" +
                "CREATE TABLE e (x INTEGER, id INTEGER, b BLOB, PRIMARY KEY (x, id)) WITHOUT ROWID;");
            var blob = new byte[170];
            new Random(1).NextBytes(blob);
            using var insert = connection.CreateCommand();
            insert.CommandText = "INSERT INTO e VALUES (1, $id, $b)";
            var id = insert.Parameters.Add("$id", SqliteType.Integer);
            insert.Parameters.Add("$b", SqliteType.Blob).Value = blob;
            insert.Prepare();
            var n = 0L;
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            var sw = Stopwatch.StartNew();
            while (sw.Elapsed.TotalSeconds < 3)
            {
                using var transaction = connection.BeginTransaction();
                insert.Transaction = transaction;
                for (var i = 0; i < 2000; i++)
                {
                    id.Value = n++;
                    insert.ExecuteNonQuery();
                }

                transaction.Commit();
            }

            var cpuSeconds = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds;
            Console.WriteLine($"one row per event (170-byte blob, no encoding): {n / sw.Elapsed.TotalSeconds:F0} events/s, {n / cpuSeconds:F0} per CPU second");
        }

        foreach (var suffix in new[] { string.Empty, "-wal", "-shm" })
        {
            File.Delete(path + suffix);
        }
    }

    private static void Exec(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
