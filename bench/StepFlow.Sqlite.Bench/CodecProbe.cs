using System.Diagnostics;
using System.Globalization;
using StepFlow.Durability;
using StepFlow.History;
using StepFlow.Json;
using StepFlow.Persistence;

namespace StepFlow.Sqlite.Bench;

/// <summary>Times the event encoding alone (no SQLite), to split a commit's cost.</summary>
internal static class CodecProbe
{
    private static double Cpu() => Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds;

    public static void Run()
    {
        RunChain();
        RunPool();
    }

    /// <summary>
    /// The engine's own events of one W1 execution (a chain of 1,000 Pass states, each output its input with a new
    /// <c>acc</c>), journals included, encoded as a checkpoint hands them over (read in place from the recorder).
    /// </summary>
    private static void RunChain()
    {
        var best = double.MaxValue;
        for (var round = 0; round < 10; round++)
        {
            // Fresh objects every time, as a real execution hands them over (never encoded, never hashed before).
            var sw = Stopwatch.StartNew();
            var cpu = Cpu();
            var n = 0;
            while (sw.Elapsed.TotalSeconds < 0.5)
            {
                Chain();
                n++;
            }

            var build = (Cpu() - cpu) / n;
            var codec = new EventChunkCodec();
            sw.Restart();
            cpu = Cpu();
            n = 0;
            while (sw.Elapsed.TotalSeconds < 0.5)
            {
                codec.Encode(Chain(), 0);
                n++;
            }

            var encode = ((Cpu() - cpu) / n) - build;
            best = Math.Min(best, encode);
            Console.WriteLine($"W1 chain, fresh objects: {2002 / encode:F0} events/s encoding ({encode * 1000:F3} ms an execution; building the events {build * 1000:F3} ms)");
        }

        Console.WriteLine($"W1 chain, fresh objects, best: {2002 / best:F0} events/s encoding ({best * 1000:F3} ms an execution)");

        var events = Chain();
        var codec2 = new EventChunkCodec();
        for (var round = 0; round < 3; round++)
        {
            var sw = Stopwatch.StartNew();
            var cpu = Cpu();
            var n = 0;
            while (sw.Elapsed.TotalSeconds < 1)
            {
                codec2.Encode(events, 0);
                n++;
            }

            Console.WriteLine($"W1 chain encode: {n * events.Count / (Cpu() - cpu):F0} events/s ({codec2.Chunk.Length} bytes for {events.Count} events)");
            var bytes = codec2.Chunk.ToArray();
            var list = new List<StoredEvent>(events.Count);
            sw.Restart();
            cpu = Cpu();
            n = 0;
            while (sw.Elapsed.TotalSeconds < 1)
            {
                list.Clear();
                EventChunkCodec.Decode(bytes, 1, events.Count, list);
                n++;
            }

            Console.WriteLine($"W1 chain decode: {n * events.Count / (Cpu() - cpu):F0} events/s");
        }
    }

    private static RecordedEvents Chain()
    {
        var recorder = new HistoryRecorder(TimeProvider.System, record: true);
        recorder.UseSerializedWrites();
        var input = (JsonObject)JsonValue.Parse("""{"a":"alpha","nested":{"b":42,"c":[1,2,3]},"acc":{"i":-1}}""");
        var tag = JsonValue.From("step");
        recorder.Add(HistoryEventTypes.ExecutionStarted, data: input, journal: VisitJournal.Started("secret"));
        for (var i = 0; i < 1000; i++)
        {
            var name = "P" + i.ToString("D4", CultureInfo.InvariantCulture);
            var next = i == 999 ? null : "P" + (i + 1).ToString("D4", CultureInfo.InvariantCulture);
            recorder.Add(HistoryEventTypes.PassStateEntered, name, input, journal: VisitJournal.Entered(string.Empty, i, 0));
            var acc = JsonObject.Create(("i", JsonValue.From(i)), ("a", input["a"]), ("b", ((JsonObject)input["nested"])["b"]), ("prev", ((JsonObject)input["acc"])["i"]), ("tag", tag));
            input = input.SetItem("acc", acc);
            recorder.Add(HistoryEventTypes.PassStateExited, name, input, journal: VisitJournal.Exited(string.Empty, i, 0, next, null));
        }

        recorder.Add(HistoryEventTypes.ExecutionSucceeded, data: input);
        return new RecordedEvents(recorder.View(), 1);
    }

    /// <summary>2,000 events carrying distinct ~136-byte values (nothing shared), as a caller's StoredEvents.</summary>
    private static void RunPool()
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
