using System.Diagnostics;
using System.Globalization;
using StepFlow.Json;
using StepFlow.Persistence;

namespace StepFlow.Sqlite.Bench;

/// <summary>Times the event encoding alone (no SQLite), to split a commit's cost.</summary>
internal static class CodecProbe
{
    private static double Cpu() => Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds;

    public static void Run()
    {
        var pool = Enumerable.Range(0, 4096).Select(i => JsonValue.Parse(
            $$"""{"orderId":"ord-{{i:D8}}","customer":{"id":{{i * 7}},"name":"Customer number {{i}}","tier":"gold"},"amount":{{i * 3.25}},"items":[1,2,3],"ok":true}""")).ToArray();
        var events = Enumerable.Range(1, 2000).Select(i => new StoredEvent
        {
            Id = i, Timestamp = DateTimeOffset.UnixEpoch.AddTicks(i * 10), Type = "PassStateEntered",
            StateName = "State" + i.ToString(CultureInfo.InvariantCulture), Data = pool[i % pool.Length], Scope = string.Empty, Visit = 0,
        }).ToArray();
        var codec = new EventChunkCodec();
        for (var round = 0; round < 3; round++)
        {
            var sw = Stopwatch.StartNew();
            var cpu = Cpu();
            var n = 0;
            while (sw.Elapsed.TotalSeconds < 1)
            {
                codec.Encode(events, 0);
                n++;
            }

            Console.WriteLine($"encode: {n * 2000 / (Cpu() - cpu):F0} events/s ({codec.Chunk.Length} bytes a chunk)");
            var json = 0L;
            sw.Restart();
            cpu = Cpu();
            n = 0;
            while (sw.Elapsed.TotalSeconds < 1)
            {
                foreach (var e in events)
                {
                    json += e.Data!.ToJsonString().Length;
                }

                n++;
            }

            Console.WriteLine($"ToJsonString alone: {n * 2000 / (Cpu() - cpu):F0} values/s");
            var bytes = codec.Chunk.ToArray();
            var list = new List<StoredEvent>(2000);
            sw.Restart();
            cpu = Cpu();
            n = 0;
            while (sw.Elapsed.TotalSeconds < 1)
            {
                list.Clear();
                EventChunkCodec.Decode(bytes, 1, 2000, list);
                n++;
            }

            Console.WriteLine($"decode: {n * 2000 / (Cpu() - cpu):F0} events/s");
            var texts = events.Select(e => e.Data!.ToJsonString()).ToArray();
            sw.Restart();
            cpu = Cpu();
            n = 0;
            while (sw.Elapsed.TotalSeconds < 1)
            {
                foreach (var t in texts)
                {
                    JsonValue.Parse(t);
                }

                n++;
            }

            Console.WriteLine($"Parse(string) alone: {n * 2000 / (Cpu() - cpu):F0} values/s");
        }
    }
}
