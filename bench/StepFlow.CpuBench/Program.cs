using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text.Json;
using StepFlow;
using StepFlow.Execution;
using StepFlow.Parsing;
using StepFlow.Persistence;
using JsonValue = StepFlow.Json.JsonValue;

// Usage: StepFlow.CpuBench <workload.json>...
// A workload of mode "parse" is timed in thread CPU per StateMachine.Parse of its definition (30 rounds of 40 parses);
// one of mode "execute" in process CPU per execution (15 rounds of max(20, executions) runs, each task answered with its
// input, payload and history limits lifted). Prints the fastest round, the median round and the bytes allocated.
// Linux only (CLOCK_THREAD_CPUTIME_ID).
foreach (var file in args)
{
    using var document = JsonDocument.Parse(File.ReadAllText(file));
    var root = document.RootElement;
    var definitionElement = root.GetProperty("definition");
    var definition = definitionElement.ValueKind == JsonValueKind.String ? definitionElement.GetString()! : definitionElement.GetRawText();
    var name = Path.GetFileNameWithoutExtension(file);
    if (root.TryGetProperty("mode", out var mode) && mode.GetString() == "parse")
    {
        Report(name, "parse", Parse(definition));
    }
    else
    {
        Report(name, "execution", await ExecuteAsync(definition, root));
    }
}

static (List<double> Micros, long Bytes) Parse(string definition)
{
    for (var i = 0; i < 300; i++)
    {
        StateMachine.Parse(definition);
    }

    const int Batch = 40;
    var samples = new List<double>();
    long bytes = 0;
    for (var round = 0; round < 30; round++)
    {
        var allocated = GC.GetAllocatedBytesForCurrentThread();
        var start = ThreadCpu.Nanoseconds();
        for (var i = 0; i < Batch; i++)
        {
            StateMachine.Parse(definition);
        }

        samples.Add((ThreadCpu.Nanoseconds() - start) / 1000.0 / Batch);
        bytes = (GC.GetAllocatedBytesForCurrentThread() - allocated) / Batch;
    }

    return (samples, bytes);
}

static async Task<(List<double> Micros, long Bytes)> ExecuteAsync(string definition, JsonElement root)
{
    var machine = StateMachine.Parse(definition);
    var input = JsonValue.Parse(root.GetProperty("input").GetRawText());
    var batch = Math.Max(20, root.GetProperty("executions").GetInt32());
    var engine = StepFlowEngine.CreateBuilder()
        .UseOptions(new EngineOptions { MaxPayloadBytes = int.MaxValue, MaxHistoryEvents = int.MaxValue })
        .AddTaskHandler("*", invocation => invocation.Input)
        .Build();
    var options = new ExecutionOptions();
    var warm = Stopwatch.StartNew();
    while (warm.Elapsed < TimeSpan.FromSeconds(3))
    {
        await engine.ExecuteAsync(machine, input, options);
    }

    GC.Collect();
    using var process = Process.GetCurrentProcess();
    var samples = new List<double>();
    long bytes = 0;
    for (var round = 0; round < 15; round++)
    {
        var allocated = GC.GetTotalAllocatedBytes(true);
        process.Refresh();
        var start = process.TotalProcessorTime;
        for (var i = 0; i < batch; i++)
        {
            var result = await engine.ExecuteAsync(machine, input, options);
            if (result.Status != ExecutionStatus.Succeeded)
            {
                throw new InvalidOperationException($"{result.Error}: {result.Cause}");
            }
        }

        process.Refresh();
        samples.Add((process.TotalProcessorTime - start).TotalMicroseconds / batch);
        bytes = (GC.GetTotalAllocatedBytes(true) - allocated) / batch;
    }

    await engine.DisposeAsync();
    return (samples, bytes);
}

static void Report(string name, string unit, (List<double> Micros, long Bytes) measured)
{
    measured.Micros.Sort();
    Console.WriteLine(
        $"{name}\tmin_us={measured.Micros[0]:F1}\tmedian_us={measured.Micros[measured.Micros.Count / 2]:F1}\tbytes={measured.Bytes}\tper {unit}");
}

internal static class ThreadCpu
{
    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    [DllImport("libc", EntryPoint = "clock_gettime")]
    private static extern int ClockGetTime(int clock, out TimeSpec time);

    public static long Nanoseconds()
    {
        const int ThreadCpuTimeId = 3;
        ClockGetTime(ThreadCpuTimeId, out var time);
        return (time.Seconds * 1_000_000_000) + time.Nanoseconds;
    }
}
