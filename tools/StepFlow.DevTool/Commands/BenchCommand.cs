using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using StepFlow.Cli;
using StepFlow.Cli.Commands;
using StepFlow.Definition;
using StepFlow.Execution;
using StepFlow.Json;
using StepFlow.Parsing;
using StepFlow.Persistence;

namespace StepFlow.DevTool.Commands;

/// <summary>
/// <c>stepflow-dev bench</c>: runs one shared benchmark workload (<c>shared/bench/README.md</c>) and prints
/// exactly one JSON line in the format the peers' runners print.
/// </summary>
public sealed class BenchCommand : ICommand
{
    /// <inheritdoc />
    public string Name => "bench";

    /// <inheritdoc />
    public string Usage =>
        "  stepflow-dev bench <workload.json> [--executions N]\n"
        + "      Runs a benchmark workload (mode execute or parse) and prints one JSON result line.\n"
        + "      --executions  Runs N executions instead of the file's count (reported as scaledFrom).\n"
        + "      --listen      Subscribes to StepFlow's spans and metrics (all sampled, all enabled) to measure telemetry's cost.\n"
        + "      --store       memory | sqlite:<new file>: runs each execution through the execution API\n"
        + "                    (StartExecution + WaitForExecution) as a Standard execution kept in that store.";

    /// <inheritdoc />
    public async Task<int> RunAsync(IReadOnlyList<string> args, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stdout);
        var line = CommandLine.Parse(args, ["--listen"], ["--executions", "--store"]);
        line.ExpectPositionals(1, "the workload file");
        int? executionsOverride = null;
        if (line.Get("--executions") is { } text)
        {
            executionsOverride = int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0
                ? n
                : throw new UsageException($"--executions needs a positive whole number, not '{text}'.");
        }

        if (JsonValue.Parse(CommandIO.ReadFile(line.Positionals[0])) is not JsonObject workload)
        {
            throw new InvalidInputException("A workload file must hold a JSON object.");
        }

        var store = line.Get("--store");
        if (store is not null && store != "memory" && !(store.StartsWith("sqlite:", StringComparison.Ordinal) && store.Length > "sqlite:".Length))
        {
            throw new UsageException($"--store takes 'memory' or 'sqlite:<file>', not '{store}'.");
        }

        if (store is not null && store.StartsWith("sqlite:", StringComparison.Ordinal) && File.Exists(store["sqlite:".Length..]))
        {
            throw new UsageException($"--store {store}: the file exists; give a path for a new database.");
        }

        using var listeners = line.Has("--listen") ? new BenchTelemetryListeners() : null;
        var report = await new BenchmarkRun(workload, executionsOverride, store).RunAsync(cancellationToken).ConfigureAwait(false);
        await stdout.WriteLineAsync(report.ToJsonLine()).ConfigureAwait(false);
        return report.Error is null ? ExitCodes.Success : ExitCodes.ExecutionFailed;
    }
}

/// <summary>The measured result of one workload run, printed as one JSON line.</summary>
internal sealed class BenchmarkReport
{
    public string Workload { get; set; } = string.Empty;

    public string Mode { get; set; } = "execute";

    public int Executions { get; set; }

    public int? ScaledFrom { get; set; }

    public long? Transitions { get; set; }

    public long? TransitionsCounted { get; set; }

    public double? SetupSeconds { get; set; }

    public double? WallSeconds { get; set; }

    public double? CpuSeconds { get; set; }

    public bool? OutputOk { get; set; }

    public List<string>? Mismatch { get; set; }

    public List<string> Adaptations { get; } = [];

    public string? Error { get; set; }

    public double PeakRssMb { get; set; }

    public string ToJsonLine()
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = false, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            writer.WriteStartObject();
            writer.WriteString("peer", "StepFlow");
            writer.WriteString("peerVersion", PeerVersion());
            writer.WriteString("workload", Workload);
            writer.WriteString("mode", Mode);
            writer.WriteNumber("executions", Executions);
            WriteNullable(writer, "scaledFrom", ScaledFrom);
            WriteNullable(writer, "transitions", Transitions);
            WriteNullable(writer, "transitionsCounted", TransitionsCounted);
            WriteNullable(writer, "setup_s", Round(SetupSeconds, 4));
            WriteNullable(writer, "wall_s", Round(WallSeconds, 4));
            WriteNullable(writer, "cpu_s", Round(CpuSeconds, 4));
            WriteNullable(writer, "exec_per_s", Round(Rate(Executions), 2));
            WriteNullable(writer, "transitions_per_s", Round(Transitions is { } t ? Rate(t) : null, 2));
            writer.WriteNumber("peak_rss_mb", Math.Round(PeakRssMb, 1));
            if (OutputOk is { } ok)
            {
                writer.WriteBoolean("outputOk", ok);
            }
            else
            {
                writer.WriteNull("outputOk");
            }

            if (Mismatch is null)
            {
                writer.WriteNull("mismatch");
            }
            else
            {
                writer.WriteStartArray("mismatch");
                foreach (var key in Mismatch)
                {
                    writer.WriteStringValue(key);
                }

                writer.WriteEndArray();
            }

            writer.WriteStartArray("adaptations");
            foreach (var adaptation in Adaptations)
            {
                writer.WriteStringValue(adaptation);
            }

            writer.WriteEndArray();
            if (Error is null)
            {
                writer.WriteNull("error");
            }
            else
            {
                writer.WriteString("error", Error);
            }

            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private double? Rate(double count) => WallSeconds is > 0 and var wall ? count / wall : null;

    private static double? Round(double? value, int digits) => value is { } v ? Math.Round(v, digits) : null;

    private static void WriteNullable(Utf8JsonWriter writer, string name, double? value)
    {
        if (value is { } v)
        {
            writer.WriteNumber(name, v);
        }
        else
        {
            writer.WriteNull(name);
        }
    }

    private static void WriteNullable(Utf8JsonWriter writer, string name, long? value)
    {
        if (value is { } v)
        {
            writer.WriteNumber(name, v);
        }
        else
        {
            writer.WriteNull(name);
        }
    }

    private static string PeerVersion()
    {
        var assembly = typeof(StepFlowEngine).Assembly;
        var version = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
            ?? assembly.GetName().Version?.ToString()
            ?? "unknown";
        var plus = version.IndexOf('+', StringComparison.Ordinal);
        return plus < 0 ? version : version[..plus];
    }
}

/// <summary>Runs one workload as <c>shared/bench/README.md</c> describes.</summary>
internal sealed class BenchmarkRun
{
    private readonly JsonObject _workload;
    private readonly int? _executionsOverride;
    private readonly string? _store;

    public BenchmarkRun(JsonObject workload, int? executionsOverride, string? store = null)
    {
        _workload = workload;
        _executionsOverride = executionsOverride;
        _store = store;
    }

    public async Task<BenchmarkReport> RunAsync(CancellationToken cancellationToken)
    {
        var report = new BenchmarkReport
        {
            Workload = StringMember("name") ?? "unnamed",
            Mode = StringMember("mode") ?? "execute",
        };
        var fileExecutions = IntMember("executions") ?? 1;
        report.Executions = _executionsOverride ?? fileExecutions;
        if (_executionsOverride is { } n && n != fileExecutions)
        {
            report.ScaledFrom = fileExecutions;
        }

        try
        {
            if (!_workload.TryGetValue("definition", out var definition))
            {
                throw new InvalidOperationException("The workload has no definition.");
            }

            if (report.Mode == "parse")
            {
                RunParse(report, definition.ToJsonString(), cancellationToken);
            }
            else if (report.Mode == "execute")
            {
                await RunExecuteAsync(report, definition.ToJsonString(), cancellationToken).ConfigureAwait(false);
            }
            else
            {
                throw new InvalidOperationException($"Unknown mode '{report.Mode}'.");
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            report.Error ??= $"{ex.GetType().Name}: {ex.Message}";
        }

        using var process = Process.GetCurrentProcess();
        process.Refresh();
        report.PeakRssMb = process.PeakWorkingSet64 / (1024.0 * 1024.0);
        return report;
    }

    private void RunParse(BenchmarkReport report, string definitionText, CancellationToken cancellationToken)
    {
        // Setup: the first (cold) parse, which also proves the definition valid.
        var setup = Stopwatch.StartNew();
        StateMachine.Parse(definitionText);
        report.SetupSeconds = setup.Elapsed.TotalSeconds;

        var warmUp = 0;
        for (var settle = new JitSettling(); warmUp < WarmUpCount(report.Executions) || !settle.IsSettled(); warmUp++)
        {
            StateMachine.Parse(definitionText);
        }

        report.Adaptations.Add($"warm-up: {warmUp} untimed parses (at least {WarmUpTime.TotalSeconds:0} s and until the JIT compiled nothing for {JitSettling.QuietTime.TotalSeconds:0.0} s, at most {JitSettling.MaxTime.TotalSeconds:0} s, so the code runs in its optimised tier), then a full garbage collection, before timing");
        SettleHeap();
        var cpuBefore = CpuTime();
        var wall = Stopwatch.StartNew();
        for (var i = 0; i < report.Executions; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            StateMachine.Parse(definitionText);
        }

        report.WallSeconds = wall.Elapsed.TotalSeconds;
        report.CpuSeconds = (CpuTime() - cpuBefore).TotalSeconds;
        report.OutputOk = true;
    }

    private async Task RunExecuteAsync(BenchmarkReport report, string definitionText, CancellationToken cancellationToken)
    {
        var inputs = _workload.TryGetValue("inputs", out var inputsValue) && inputsValue is JsonArray { Count: > 0 } inputArray
            ? inputArray.ToList()
            : [_workload.TryGetValue("input", out var single) ? single : JsonObject.Empty];
        var expected = _workload.TryGetValue("expectedOutputs", out var expectedValue) && expectedValue is JsonArray { Count: > 0 } expectedArray
            ? expectedArray.ToList()
            : [_workload.TryGetValue("expectedOutput", out var one) ? one : JsonValue.Null];
        var statesPerExecution = IntMember("statesEnteredPerExecution");

        var options = new EngineOptions();
        var largestInput = inputs.Max(i => i.Utf8Length);
        var largestExpected = expected.Max(e => e.Utf8Length);
        if (Math.Max(largestInput, largestExpected) > options.MaxPayloadBytes)
        {
            report.Adaptations.Add(string.Create(
                CultureInfo.InvariantCulture,
                $"payload limit lifted (EngineOptions.MaxPayloadBytes = 0; AWS's is {options.MaxPayloadBytes:N0} bytes): the input is {largestInput:N0} bytes and the expected output {largestExpected:N0} bytes"));
            options = options with { MaxPayloadBytes = 0 };
        }

        // Every state entered records at least two history events (entered/exited); a Map adds more.
        if (statesPerExecution is { } states && (3L * states) + 10 > options.MaxHistoryEvents)
        {
            report.Adaptations.Add(string.Create(
                CultureInfo.InvariantCulture,
                $"history event limit lifted (EngineOptions.MaxHistoryEvents = int.MaxValue; AWS's is {options.MaxHistoryEvents:N0}): {states:N0} states entered per execution; history recording stays on"));
            options = options with { MaxHistoryEvents = int.MaxValue };
        }

        var setup = Stopwatch.StartNew();
        var machine = StateMachine.Parse(definitionText);
        var builder = StepFlowEngine.CreateBuilder()
            .UseOptions(options)
            .AddTaskHandler("*", invocation => invocation.Input);
        Persistence.IExecutionStore? store = null;
        if (_store is not null)
        {
            store = _store == "memory" ? new Persistence.InMemoryExecutionStore() : new Sqlite.SqliteExecutionStore(_store["sqlite:".Length..]);
            builder.AddStateMachine("Bench", machine).UseExecutionStore(store);
            report.Adaptations.Add(store.IsDurable
                ? $"durable: every execution runs through StartExecution as a Standard execution checkpointed to SQLite ({_store}, WAL, synchronous NORMAL: survives a process crash; a power loss may lose the last commits)"
                : "execution API: every execution runs through StartExecution as a Standard execution kept in memory");
        }

        await using var engine = builder.Build();
        var run = ExecutionPath(engine, machine, store is not null, cancellationToken);
        report.SetupSeconds = setup.Elapsed.TotalSeconds;

        var warmUp = 0;
        for (var settle = new JitSettling(); warmUp < WarmUpCount(report.Executions) || !settle.IsSettled(); warmUp++)
        {
            var i = warmUp;
            var result = await run("w" + i.ToString(CultureInfo.InvariantCulture), inputs[i % inputs.Count]).ConfigureAwait(false);
            if (result.Status != ExecutionStatus.Succeeded)
            {
                report.Error = $"warm-up execution {i} ended {result.Status}: {result.Error}: {Shorten(result.Cause)}";
                report.OutputOk = false;
                return;
            }
        }

        report.Adaptations.Add($"warm-up: {warmUp} untimed execution(s) (at least {WarmUpTime.TotalSeconds:0} s and until the JIT compiled nothing for {JitSettling.QuietTime.TotalSeconds:0.0} s, at most {JitSettling.MaxTime.TotalSeconds:0} s, so the code runs in its optimised tier), then a full garbage collection, before timing");

        var last = report.Executions - 1;
        SettleHeap();
        JsonValue? firstOutput = null;
        JsonValue? lastOutput = null;
        var cpuBefore = CpuTime();
        var wall = Stopwatch.StartNew();
        for (var i = 0; i < report.Executions; i++)
        {
            var result = await run("e" + i.ToString(CultureInfo.InvariantCulture), inputs[i % inputs.Count]).ConfigureAwait(false);
            if (result.Status != ExecutionStatus.Succeeded && report.Error is null)
            {
                report.Error = $"execution {i} ended {result.Status}: {result.Error}: {Shorten(result.Cause)}";
            }

            if (i == 0)
            {
                firstOutput = result.Output;
            }

            if (i == last)
            {
                lastOutput = result.Output;
            }
        }

        report.WallSeconds = wall.Elapsed.TotalSeconds;
        report.CpuSeconds = (CpuTime() - cpuBefore).TotalSeconds;
        report.Transitions = statesPerExecution is { } perExecution ? (long)perExecution * report.Executions : null;
        if (store is IAsyncDisposable disposable)
        {
            await engine.ShutdownAsync(cancellationToken).ConfigureAwait(false);
            await disposable.DisposeAsync().ConfigureAwait(false);
        }

        var counted = await engine.ExecuteAsync(machine, inputs[0], ExecutionOptions.Default, cancellationToken).ConfigureAwait(false);
        // Counted in one execution, scaled like `transitions` so the two compare directly.
        report.TransitionsCounted = counted.StateTransitions * report.Executions;

        var mismatch = new SortedSet<string>(StringComparer.Ordinal);
        CompareOutput(firstOutput, expected[0], mismatch);
        CompareOutput(lastOutput, expected[last % expected.Count], mismatch);
        report.OutputOk = mismatch.Count == 0;
        report.Mismatch = mismatch.Count == 0 ? null : [.. mismatch];
    }

    /// <summary>One execution: straight through the engine, or through the execution API (and its store).</summary>
    private static Func<string, JsonValue, Task<(ExecutionStatus Status, JsonValue? Output, string? Error, string? Cause)>> ExecutionPath(
        StepFlowEngine engine, StateMachine machine, bool throughApi, CancellationToken cancellationToken)
    {
        if (!throughApi)
        {
            return async (_, input) =>
            {
                var result = await engine.ExecuteAsync(machine, input, ExecutionOptions.Default, cancellationToken).ConfigureAwait(false);
                return (result.Status, result.Output, result.Error, result.Cause);
            };
        }

        var arn = engine.StateMachines.Single().Arn;
        return async (name, input) =>
        {
            var started = await engine.StartExecutionAsync(arn, input, name, cancellationToken).ConfigureAwait(false);
            var described = await engine.WaitForExecutionAsync(started.ExecutionArn, cancellationToken).ConfigureAwait(false);
            return (described.Status, described.Output, described.Error, described.Cause);
        };
    }

    /// <summary>Adds the top-level keys where <paramref name="actual"/> differs from <paramref name="expected"/> ("$" when not both objects).</summary>
    internal static void CompareOutput(JsonValue? actual, JsonValue expected, ISet<string> mismatch)
    {
        if (actual is not null && actual.Equals(expected))
        {
            return;
        }

        if (actual is JsonObject actualObject && expected is JsonObject expectedObject)
        {
            foreach (var key in actualObject.Keys.Union(expectedObject.Keys))
            {
                var hasActual = actualObject.TryGetValue(key, out var actualValue);
                var hasExpected = expectedObject.TryGetValue(key, out var expectedValue);
                if (hasActual != hasExpected || !actualValue!.Equals(expectedValue))
                {
                    mismatch.Add(key);
                }
            }

            return;
        }

        mismatch.Add("$");
    }

    private static readonly TimeSpan WarmUpTime = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Tells when a warm-up is over: at least <see cref="WarmUpTime"/>, and no method compiled for <see cref="QuietTime"/>
    /// (tiered compilation has moved the hot code to its optimised tier), but never longer than <see cref="MaxTime"/>.
    /// A durable run has far more code to tier up than a plain one, and on two busy cores the JIT's background thread
    /// can still be at work after two seconds.
    /// </summary>
    private sealed class JitSettling
    {
        public static readonly TimeSpan QuietTime = TimeSpan.FromMilliseconds(500);

        public static readonly TimeSpan MaxTime = TimeSpan.FromSeconds(20);

        private readonly Stopwatch _clock = Stopwatch.StartNew();
        private long _compiled = System.Runtime.JitInfo.GetCompiledMethodCount();
        private TimeSpan _lastCompile;

        public bool IsSettled()
        {
            var elapsed = _clock.Elapsed;
            var compiled = System.Runtime.JitInfo.GetCompiledMethodCount();
            if (compiled != _compiled)
            {
                _compiled = compiled;
                _lastCompile = elapsed;
            }

            return elapsed >= MaxTime || (elapsed >= WarmUpTime && elapsed - _lastCompile >= QuietTime);
        }
    }

    /// <summary>
    /// A full, compacting collection between the warm-up and the timed runs (as BenchmarkDotNet does before each
    /// iteration), so the warm-up's garbage is not collected, and billed, inside the timed window.
    /// </summary>
    private static void SettleHeap()
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
    }

    private static int WarmUpCount(int executions) => Math.Clamp(executions / 10, 1, 5);

    private static TimeSpan CpuTime()
    {
        using var process = Process.GetCurrentProcess();
        return process.TotalProcessorTime;
    }

    private static string? Shorten(string? text) => text is { Length: > 300 } ? string.Concat(text.AsSpan(0, 300), "…") : text;

    private string? StringMember(string name) => _workload.TryGetValue(name, out var value) && value is JsonString text ? text.Value : null;

    private int? IntMember(string name) =>
        _workload.TryGetValue(name, out var value) && value is JsonNumber number && number.TryGetInt32(out var n) ? n : null;
}
