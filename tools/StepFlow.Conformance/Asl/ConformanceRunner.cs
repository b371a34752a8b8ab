using System.Collections.Immutable;
using System.Diagnostics;
using System.Globalization;
using StepFlow.Definition;
using StepFlow.Execution;
using StepFlow.Json;
using StepFlow.Parsing;
using StepFlow.Persistence;
using StepFlow.Testing.Time;

namespace StepFlow.Conformance.Asl;

/// <summary>The result of running one conformance case.</summary>
/// <param name="Name">The case name.</param>
/// <param name="FilePath">The case file, when it came from one.</param>
/// <param name="Features">The case's tags.</param>
/// <param name="IsJsonPathOnly">True when the case is tagged neither <c>jsonata</c> nor <c>variables</c>.</param>
/// <param name="Passed">Status equal, and output (succeeded) or error (failed) equal.</param>
/// <param name="CauseMatched">Whether the cause matched; null when no cause was expected.</param>
/// <param name="HistoryMatched">Whether the history event types matched; null when not compared.</param>
/// <param name="Message">What differed (or why the case could not run), or null when everything matched.</param>
/// <param name="Elapsed">Wall-clock time the case took.</param>
public sealed record ConformanceResult(
    string Name,
    string? FilePath,
    ImmutableArray<string> Features,
    bool IsJsonPathOnly,
    bool Passed,
    bool? CauseMatched,
    bool? HistoryMatched,
    string? Message,
    TimeSpan Elapsed);

/// <summary>Settings of a <see cref="ConformanceRunner"/>.</summary>
public sealed record ConformanceRunnerOptions
{
    /// <summary>The wall-clock limit per case; a case that runs longer fails (it never hangs the run).</summary>
    public TimeSpan CaseTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// The instant the fake clock of each case starts at: 2026-06-01T00:00:00Z, after every recording
    /// (they predate March 2026), so a Wait until a recorded timestamp is already due, as it was when the
    /// recording's test ran.
    /// </summary>
    public DateTimeOffset ClockStart { get; init; } = new(2026, 6, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>The engine limits (AWS's defaults).</summary>
    public EngineOptions EngineOptions { get; init; } = new();
}

/// <summary>
/// Runs recorded conformance cases against StepFlow: a fresh engine per case with an
/// <see cref="AutoAdvancingTimeProvider"/>, the recorded tasks stubbed by <see cref="RecordedTaskHandler"/>,
/// the README's execution context, <c>{{timestamp}}</c> substituted in the input, and the result
/// compared by <see cref="ConformanceComparator"/>.
/// </summary>
public sealed class ConformanceRunner
{
    /// <summary>The account id the recordings use.</summary>
    public const string AccountId = "111111111111";

    /// <summary>The region the recordings use.</summary>
    public const string Region = "us-east-1";

    /// <summary>The state machine name; the recordings' <c>{{ArnPart_0idx}}</c> token matches it.</summary>
    public const string StateMachineName = "StepFlowConformance";

    /// <summary>The execution name; the recordings' <c>{{ExecArnPart_0idx}}</c> token matches it.</summary>
    public const string ExecutionName = "conformance-execution";

    /// <summary>
    /// The role ARN. The recordings replaced the execution's role ARN with the bare word
    /// <c>snf_role_arn</c> (see the README's placeholder normalisation), so the runner uses that word.
    /// </summary>
    public const string RoleArn = "snf_role_arn";

    private const string TimestampToken = "{{timestamp}}";

    /// <summary>Creates a runner.</summary>
    public ConformanceRunner(ConformanceRunnerOptions? options = null) => Options = options ?? new ConformanceRunnerOptions();

    /// <summary>The runner's settings.</summary>
    public ConformanceRunnerOptions Options { get; }

    /// <summary>The execution options every case runs with.</summary>
    public static ExecutionOptions ExecutionOptions { get; } = new()
    {
        AccountId = AccountId,
        Region = Region,
        Partition = "aws",
        StateMachineName = StateMachineName,
        ExecutionName = ExecutionName,
        RoleArn = RoleArn,
        RecordHistory = true,
    };

    /// <summary>Loads and runs the case in <paramref name="path"/>; a file that cannot be loaded is a failed result.</summary>
    public async Task<ConformanceResult> RunFileAsync(string path, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ConformanceCase testCase;
        try
        {
            testCase = await ConformanceCase.LoadAsync(path, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is FormatException or JsonParseException or IOException)
        {
            return new ConformanceResult(Path.GetFileNameWithoutExtension(path), path, [], true, false, null, null,
                $"cannot load the case: {ex.Message}", TimeSpan.Zero);
        }

        return await RunAsync(testCase, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Runs every case file under <paramref name="folder"/> one after another, in path order.</summary>
    public async Task<IReadOnlyList<ConformanceResult>> RunFolderAsync(
        string folder,
        IProgress<ConformanceResult>? progress,
        CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(folder);
        var results = new List<ConformanceResult>();
        foreach (var file in ConformanceCase.FindCaseFiles(folder))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var result = await RunFileAsync(file, cancellationToken).ConfigureAwait(false);
            progress?.Report(result);
            results.Add(result);
        }

        return results;
    }

    /// <summary>Runs one case with a fresh engine and compares the result with the recording.</summary>
    public async Task<ConformanceResult> RunAsync(ConformanceCase testCase, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(testCase);
        var stopwatch = Stopwatch.StartNew();
        ConformanceResult Fail(string message) => new(
            testCase.Name, testCase.FilePath, testCase.Features, testCase.IsJsonPathOnly, false, null, null, message, stopwatch.Elapsed);

        StateMachine machine;
        try
        {
            machine = StateMachine.Parse(testCase.Definition.ToJsonString());
        }
        catch (InvalidDefinitionException ex)
        {
            return Fail("definition rejected: " + string.Join("; ", ex.Diagnostics.Select(d => d.ToString())));
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return Fail($"parsing threw {ex.GetType().Name}: {ex.Message}");
        }

        var clock = new AutoAdvancingTimeProvider(Options.ClockStart);
        var builder = StepFlowEngine.CreateBuilder().UseTimeProvider(clock).UseOptions(Options.EngineOptions);
        foreach (var (resource, behaviour) in testCase.Tasks)
        {
            builder.AddTaskHandler(resource, new RecordedTaskHandler(resource, behaviour));
        }

        var engine = builder.Build();
        var input = SubstituteTimestamps(testCase.Input, clock.GetUtcNow());

        using var guard = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        guard.CancelAfter(Options.CaseTimeout);
        ExecutionResult result;
        try
        {
            // Task.Run keeps an engine that blocks synchronously off the caller; WaitAsync bounds an
            // engine that ignores cancellation, so a case can fail but never hang the run.
            var execution = Task.Run(() => engine.ExecuteAsync(machine, input, ExecutionOptions, guard.Token), guard.Token);
            result = await execution.WaitAsync(Options.CaseTimeout + TimeSpan.FromSeconds(2), cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            return Fail($"no result within the {Options.CaseTimeout.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s wall-clock limit (the engine ignored cancellation)");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return Fail($"cancelled by the {Options.CaseTimeout.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s wall-clock limit");
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return Fail($"the engine threw {ex.GetType().Name}: {ex.Message}");
        }

        if (result.Status == ExecutionStatus.Aborted && guard.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            return Fail($"aborted by the {Options.CaseTimeout.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s wall-clock limit");
        }

        var outcome = ConformanceComparator.Compare(testCase, result);
        return new ConformanceResult(
            testCase.Name,
            testCase.FilePath,
            testCase.Features,
            testCase.IsJsonPathOnly,
            outcome.Passed,
            outcome.CauseMatched,
            outcome.HistoryMatched,
            outcome.Differences.Count == 0 ? null : string.Join("; ", outcome.Differences),
            stopwatch.Elapsed);
    }

    /// <summary>
    /// Replaces every <c>{{timestamp}}</c> string in <paramref name="input"/> with a time near
    /// <paramref name="now"/>: five seconds later, as ISO-8601 UTC with a <c>Z</c> (e.g. <c>2024-01-01T00:00:05Z</c>).
    /// </summary>
    public static JsonValue SubstituteTimestamps(JsonValue input, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(input);
        var stamp = now.ToUniversalTime().AddSeconds(5).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        return Substitute(input, stamp);
    }

    private static JsonValue Substitute(JsonValue value, string stamp) => value switch
    {
        JsonString s when s.Value.Contains(TimestampToken, StringComparison.Ordinal) =>
            JsonValue.From(s.Value.Replace(TimestampToken, stamp, StringComparison.Ordinal)),
        JsonObject o => JsonObject.Create(o.Members.ToArray().Select(m => new KeyValuePair<string, JsonValue>(m.Key, Substitute(m.Value, stamp)))),
        JsonArray a => JsonArray.Create(a.Select(item => Substitute(item, stamp))),
        _ => value,
    };
}
