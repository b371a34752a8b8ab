using System.Collections.Immutable;
using StepFlow.Execution;
using StepFlow.Json;
using StepFlow.Persistence;

namespace StepFlow.Conformance.Asl;

/// <summary>
/// One recorded conformance case: a definition, an input, the result AWS Step Functions produced and
/// how the case's Tasks behaved. The format is described in <c>shared/conformance/README.md</c>.
/// </summary>
public sealed class ConformanceCase
{
    private ConformanceCase(
        string name,
        string? source,
        ImmutableArray<string> features,
        string stateMachineType,
        JsonValue definition,
        JsonValue input,
        ExpectedOutcome expected,
        ImmutableDictionary<string, TaskBehaviour> tasks,
        ImmutableArray<string>? history,
        bool historyReordered,
        string? filePath)
    {
        Name = name;
        Source = source;
        Features = features;
        StateMachineType = stateMachineType;
        Definition = definition;
        Input = input;
        Expected = expected;
        Tasks = tasks;
        History = history;
        HistoryReordered = historyReordered;
        FilePath = filePath;
    }

    /// <summary>The case's unique name (also its file name).</summary>
    public string Name { get; }

    /// <summary>The upstream test id, when recorded.</summary>
    public string? Source { get; }

    /// <summary>The case's tags, e.g. <c>map</c>, <c>jsonata</c>, <c>intrinsic:States.Format</c>.</summary>
    public ImmutableArray<string> Features { get; }

    /// <summary><c>STANDARD</c> or <c>EXPRESS</c>.</summary>
    public string StateMachineType { get; }

    /// <summary>The ASL definition, exactly as recorded.</summary>
    public JsonValue Definition { get; }

    /// <summary>The execution input; it may contain <c>{{timestamp}}</c> tokens to substitute.</summary>
    public JsonValue Input { get; }

    /// <summary>What AWS produced.</summary>
    public ExpectedOutcome Expected { get; }

    /// <summary>Recorded task behaviour by Resource string.</summary>
    public ImmutableDictionary<string, TaskBehaviour> Tasks { get; }

    /// <summary>The history event types in order, or null when the case has no history.</summary>
    public ImmutableArray<string>? History { get; }

    /// <summary>True when the history was re-sorted upstream and should be compared as a multiset.</summary>
    public bool HistoryReordered { get; }

    /// <summary>The file the case was loaded from, when it came from a file.</summary>
    public string? FilePath { get; }

    /// <summary>
    /// True for the JSONPath-only subset: cases tagged neither <c>jsonata</c> nor <c>variables</c>.
    /// </summary>
    public bool IsJsonPathOnly => !HasFeature("jsonata") && !HasFeature("variables");

    /// <summary>True when the case has the tag <paramref name="feature"/>.</summary>
    public bool HasFeature(string feature) => Features.Contains(feature, StringComparer.Ordinal);

    /// <summary>Loads a case from a file.</summary>
    public static ConformanceCase Load(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var text = File.ReadAllText(path);
        return Parse(text, path);
    }

    /// <summary>Loads a case from a file asynchronously.</summary>
    public static async Task<ConformanceCase> LoadAsync(string path, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var text = await File.ReadAllTextAsync(path, cancellationToken).ConfigureAwait(false);
        return Parse(text, path);
    }

    /// <summary>Parses a case from its JSON text; <paramref name="filePath"/> is kept for reports.</summary>
    public static ConformanceCase Parse(string json, string? filePath = null)
    {
        ArgumentNullException.ThrowIfNull(json);
        if (JsonValue.Parse(json) is not JsonObject root)
        {
            throw new FormatException("A conformance case must be a JSON object.");
        }

        var name = RequiredString(root, "name");
        var features = root.TryGetValue("features", out var featureValue) && featureValue is JsonArray featureArray
            ? [.. featureArray.OfType<JsonString>().Select(s => s.Value)]
            : ImmutableArray<string>.Empty;
        var type = root.TryGetValue("stateMachineType", out var typeValue) && typeValue is JsonString typeString
            ? typeString.Value
            : "STANDARD";
        var definition = root.TryGetValue("definition", out var definitionValue)
            ? definitionValue
            : throw new FormatException($"Case '{name}' has no definition.");
        var input = root.TryGetValue("input", out var inputValue) ? inputValue : JsonObject.Empty;
        var expected = root.TryGetValue("expected", out var expectedValue) && expectedValue is JsonObject expectedObject
            ? ExpectedOutcome.FromJson(expectedObject, name)
            : throw new FormatException($"Case '{name}' has no expected object.");

        var tasks = ImmutableDictionary.CreateBuilder<string, TaskBehaviour>(StringComparer.Ordinal);
        if (root.TryGetValue("tasks", out var tasksValue) && tasksValue is JsonObject tasksObject)
        {
            foreach (var member in tasksObject.Members)
            {
                tasks[member.Key] = TaskBehaviour.FromJson(member.Value, name, member.Key);
            }
        }

        ImmutableArray<string>? history = root.TryGetValue("history", out var historyValue) && historyValue is JsonArray historyArray
            ? [.. historyArray.OfType<JsonString>().Select(s => s.Value)]
            : null;
        var reordered = root.TryGetValue("historyReordered", out var reorderedValue) && reorderedValue is JsonBool { Value: true };

        return new ConformanceCase(
            name,
            root.TryGetValue("source", out var source) && source is JsonString sourceString ? sourceString.Value : null,
            features,
            type,
            definition,
            input,
            expected,
            tasks.ToImmutable(),
            history,
            reordered,
            filePath);
    }

    /// <summary>Every case file (<c>*.json</c>) under <paramref name="folder"/>, recursively, sorted by path.</summary>
    public static IReadOnlyList<string> FindCaseFiles(string folder)
    {
        ArgumentException.ThrowIfNullOrEmpty(folder);
        return [.. Directory.EnumerateFiles(folder, "*.json", SearchOption.AllDirectories).Order(StringComparer.Ordinal)];
    }

    internal static string RequiredString(JsonObject obj, string name) =>
        obj.TryGetValue(name, out var value) && value is JsonString text
            ? text.Value
            : throw new FormatException($"The member '{name}' must be a string.");

    internal static string? OptionalString(JsonObject obj, string name) =>
        obj.TryGetValue(name, out var value) && value is JsonString text ? text.Value : null;
}

/// <summary>The result AWS recorded for a case.</summary>
/// <param name="Status">The execution status.</param>
/// <param name="Output">The output, for succeeded executions.</param>
/// <param name="Error">The error name, for failed and timed-out executions.</param>
/// <param name="Cause">The cause, or null; JSON causes are stored compact.</param>
public sealed record ExpectedOutcome(ExecutionStatus Status, JsonValue? Output, string? Error, string? Cause)
{
    /// <summary>The status as AWS spells it: <c>SUCCEEDED</c>, <c>FAILED</c>, <c>TIMED_OUT</c>, <c>ABORTED</c>.</summary>
    public static string StatusName(ExecutionStatus status) => status switch
    {
        ExecutionStatus.Succeeded => "SUCCEEDED",
        ExecutionStatus.Failed => "FAILED",
        ExecutionStatus.TimedOut => "TIMED_OUT",
        ExecutionStatus.Aborted => "ABORTED",
        _ => "RUNNING",
    };

    internal static ExpectedOutcome FromJson(JsonObject expected, string caseName)
    {
        var statusText = ConformanceCase.RequiredString(expected, "status");
        var status = statusText switch
        {
            "SUCCEEDED" => ExecutionStatus.Succeeded,
            "FAILED" => ExecutionStatus.Failed,
            "TIMED_OUT" => ExecutionStatus.TimedOut,
            "ABORTED" => ExecutionStatus.Aborted,
            _ => throw new FormatException($"Case '{caseName}' has an unknown expected status '{statusText}'."),
        };
        var output = expected.TryGetValue("output", out var outputValue) ? outputValue : null;
        if (status == ExecutionStatus.Succeeded && output is null)
        {
            output = JsonValue.Null;
        }

        return new ExpectedOutcome(
            status,
            output,
            ConformanceCase.OptionalString(expected, "error"),
            ConformanceCase.OptionalString(expected, "cause"));
    }
}

/// <summary>How the recorded Task for one Resource behaved.</summary>
/// <param name="IsEcho">True when the function returned its input unchanged.</param>
/// <param name="EchoCalls">How many times the echo function was called (echo only).</param>
/// <param name="Calls">The recorded invocations in the order AWS scheduled them (calls only).</param>
public sealed record TaskBehaviour(bool IsEcho, int EchoCalls, ImmutableArray<RecordedCall> Calls)
{
    internal static TaskBehaviour FromJson(JsonValue value, string caseName, string resource)
    {
        if (value is not JsonObject obj)
        {
            throw new FormatException($"Case '{caseName}': the task '{resource}' must be an object.");
        }

        var kind = ConformanceCase.RequiredString(obj, "kind");
        switch (kind)
        {
            case "echo":
                var count = obj.TryGetValue("calls", out var countValue) && countValue is JsonNumber number && number.TryGetInt32(out var n) ? n : 0;
                return new TaskBehaviour(true, count, []);
            case "calls":
                if (!obj.TryGetValue("calls", out var callsValue) || callsValue is not JsonArray calls)
                {
                    throw new FormatException($"Case '{caseName}': the task '{resource}' has no calls array.");
                }

                return new TaskBehaviour(false, calls.Count, [.. calls.Select(c => RecordedCall.FromJson(c, caseName, resource))]);
            default:
                throw new FormatException($"Case '{caseName}': the task '{resource}' has an unknown kind '{kind}'.");
        }
    }
}

/// <summary>What one recorded task invocation did.</summary>
public enum RecordedCallKind
{
    /// <summary>The task returned <see cref="RecordedCall.Value"/>.</summary>
    Return,

    /// <summary>The task failed with <see cref="RecordedCall.Error"/> and <see cref="RecordedCall.Cause"/>.</summary>
    Fail,

    /// <summary>The task timed out (<c>States.Timeout</c>).</summary>
    Timeout,
}

/// <summary>One recorded task invocation.</summary>
/// <param name="Input">The input AWS passed to the function (may contain tokens).</param>
/// <param name="Kind">What happened.</param>
/// <param name="Value">The result, for <see cref="RecordedCallKind.Return"/>.</param>
/// <param name="Error">The error name, for failures and timeouts.</param>
/// <param name="Cause">The cause, for failures and timeouts (may contain tokens).</param>
public sealed record RecordedCall(JsonValue Input, RecordedCallKind Kind, JsonValue? Value, string? Error, string? Cause)
{
    internal static RecordedCall FromJson(JsonValue value, string caseName, string resource)
    {
        if (value is not JsonObject obj)
        {
            throw new FormatException($"Case '{caseName}': a call of '{resource}' must be an object.");
        }

        var input = obj.TryGetValue("input", out var inputValue) ? inputValue : JsonValue.Null;
        var kindText = ConformanceCase.RequiredString(obj, "kind");
        var kind = kindText switch
        {
            "return" => RecordedCallKind.Return,
            "fail" => RecordedCallKind.Fail,
            "timeout" => RecordedCallKind.Timeout,
            _ => throw new FormatException($"Case '{caseName}': a call of '{resource}' has an unknown kind '{kindText}'."),
        };
        return new RecordedCall(
            input,
            kind,
            obj.TryGetValue("value", out var result) ? result : null,
            ConformanceCase.OptionalString(obj, "error"),
            ConformanceCase.OptionalString(obj, "cause"));
    }
}
