using StepFlow.Json;
using StepFlow.Jsonata;

namespace StepFlow.Conformance.Suites;

/// <summary>
/// Runs the language-neutral JSONata test suite (jsonata-js test/test-suite) against StepFlow's JSONata engine.
/// The suite folder holds <c>groups/</c>, <c>datasets/</c> and <c>known-2.0.6-differences.json</c>.
/// </summary>
public static class JsonataSuite
{
    /// <summary>Loads every case of the suite, ordered by id.</summary>
    public static IReadOnlyList<JsonataSuiteCase> Load(string suiteFolder)
    {
        ArgumentNullException.ThrowIfNull(suiteFolder);
        var datasets = new Dictionary<string, JsonValue>(StringComparer.Ordinal);
        foreach (var file in Directory.GetFiles(Path.Combine(suiteFolder, "datasets"), "*.json"))
        {
            datasets[Path.GetFileNameWithoutExtension(file)] = JsonataSuiteJsonReader.Parse(File.ReadAllText(file));
        }

        var cases = new List<JsonataSuiteCase>();
        foreach (var groupDir in Directory.GetDirectories(Path.Combine(suiteFolder, "groups")).Order(StringComparer.Ordinal))
        {
            var group = Path.GetFileName(groupDir);
            foreach (var file in Directory.GetFiles(groupDir, "*.json").Order(StringComparer.Ordinal))
            {
                var name = group + "/" + Path.GetFileName(file);
                var json = JsonataSuiteJsonReader.Parse(File.ReadAllText(file));
                if (json is JsonArray array)
                {
                    for (var i = 0; i < array.Count; i++)
                    {
                        cases.Add(ReadCase(name + "#" + i, (JsonObject)array[i], groupDir, datasets));
                    }
                }
                else
                {
                    cases.Add(ReadCase(name, (JsonObject)json, groupDir, datasets));
                }
            }
        }

        return cases;
    }

    /// <summary>Reads the ids of known-2.0.6-differences.json.</summary>
    public static IReadOnlySet<string> LoadKnown206Differences(string suiteFolder)
    {
        ArgumentNullException.ThrowIfNull(suiteFolder);
        var result = new HashSet<string>(StringComparer.Ordinal);
        var path = Path.Combine(suiteFolder, "known-2.0.6-differences.json");
        if (File.Exists(path) && JsonataSuiteJsonReader.Parse(File.ReadAllText(path)) is JsonObject root &&
            root.TryGetValue("cases", out var list) && list is JsonArray items)
        {
            foreach (var item in items.Items)
            {
                if (item is JsonObject o && o.TryGetValue("id", out var id) && id is JsonString s)
                {
                    result.Add(s.Value);
                }
            }
        }

        return result;
    }

    private static JsonataSuiteCase ReadCase(string id, JsonObject o, string groupDir, Dictionary<string, JsonValue> datasets)
    {
        string expression;
        if (o.TryGetValue("expr", out var expr) && expr is JsonString es)
        {
            expression = es.Value;
        }
        else if (o.TryGetValue("expr-file", out var ef) && ef is JsonString efs)
        {
            expression = File.ReadAllText(Path.Combine(groupDir, efs.Value));
        }
        else
        {
            throw new FormatException($"{id}: no expression");
        }

        JsonValue? input = null;
        if (o.TryGetValue("data", out var data))
        {
            input = data;
        }
        else if (o.TryGetValue("dataset", out var ds) && ds is JsonString dss)
        {
            input = datasets.TryGetValue(dss.Value, out var d) ? d : throw new FormatException($"{id}: unknown dataset {dss.Value}");
        }

        var bindings = new Dictionary<string, JsonValue>(StringComparer.Ordinal);
        if (o.TryGetValue("bindings", out var b) && b is JsonObject bo)
        {
            foreach (var m in bo.Members)
            {
                bindings[m.Key] = m.Value;
            }
        }

        string? code = null, token = null, message = null;
        if (o.TryGetValue("code", out var c) && c is JsonString cs)
        {
            code = cs.Value;
        }

        if (o.TryGetValue("token", out var t) && t is JsonString ts)
        {
            token = ts.Value;
        }

        if (o.TryGetValue("error", out var err) && err is JsonObject eo)
        {
            code ??= eo.TryGetValue("code", out var ec) && ec is JsonString ecs ? ecs.Value : null;
            token ??= eo.TryGetValue("token", out var et) && et is JsonString ets ? ets.Value : null;
            message = eo.TryGetValue("message", out var em) && em is JsonString ems ? ems.Value : null;
        }

        return new JsonataSuiteCase
        {
            Id = id,
            Expression = expression,
            Input = input,
            Bindings = bindings,
            Result = o.TryGetValue("result", out var r) ? r : null,
            UndefinedResult = o.TryGetValue("undefinedResult", out var u) && u is JsonBool { Value: true },
            Code = code,
            Token = token,
            Message = message,
            Unordered = o.TryGetValue("unordered", out var un) && un is JsonBool { Value: true },
            TimeLimit = o.TryGetValue("timelimit", out var tl) && tl is JsonNumber tln ? (int)tln.DoubleValue : null,
            Depth = o.TryGetValue("depth", out var dp) && dp is JsonNumber dpn ? (int)dpn.DoubleValue : null,
        };
    }

    /// <summary>Runs one case at a language level. At 2.0.6, listed known differences are reported as such.</summary>
    internal static JsonataSuiteResult Run(JsonataSuiteCase testCase, JsonataLevel level = JsonataLevel.V2_2, IReadOnlySet<string>? known206 = null)
    {
        ArgumentNullException.ThrowIfNull(testCase);
        var (passed, difference) = RunStrict(testCase, level);
        if (!passed && level == JsonataLevel.V2_0_6 && known206 is not null && known206.Contains(testCase.Id))
        {
            return new JsonataSuiteResult(testCase, JsonataSuiteOutcome.Known206Difference, difference);
        }

        return new JsonataSuiteResult(testCase, passed ? JsonataSuiteOutcome.Passed : JsonataSuiteOutcome.Failed, difference);
    }

    private static (bool Passed, string? Difference) RunStrict(JsonataSuiteCase testCase, JsonataLevel level)
    {
        var options = new JsonataOptions
        {
            Level = level,
            TimeLimit = TimeSpan.FromMilliseconds(testCase.TimeLimit ?? 10_000),

            // The evaluation's own processor time: a loaded machine must not time out a case.
            TimeMeasure = JsonataTimeMeasure.ThreadCpuTime,
            MaxDepth = testCase.Depth is { } d ? d : JsonataOptions.Default.MaxDepth,
        };

        JsonValue? actual;
        try
        {
            var compiled = JsonataExpression.Compile(testCase.Expression, options);
            actual = compiled.Evaluate(testCase.Input, testCase.Bindings);
        }
        catch (JsonataException e)
        {
            if (testCase.Code is null)
            {
                return (false, $"unexpected error {e.Code}: {e.Message}");
            }

            if (e.Code != testCase.Code)
            {
                return (false, $"expected error {testCase.Code}, got {e.Code}: {e.Message}");
            }

            if (testCase.Message is not null && e.IsUserMessage && e.Message != testCase.Message)
            {
                return (false, $"expected message '{testCase.Message}', got '{e.Message}'");
            }

            if (testCase.Token is not null && e.Token is not null && e.Token != testCase.Token)
            {
                return (false, $"expected token '{testCase.Token}', got '{e.Token}'");
            }

            return (true, null);
        }
#pragma warning disable CA1031 // a suite runner reports every failure as a result
        catch (Exception e)
#pragma warning restore CA1031
        {
            return (false, $"crashed: {e.GetType().Name}: {e.Message}");
        }

        if (testCase.Code is not null)
        {
            return (false, $"expected error {testCase.Code}, got {(actual is null ? "undefined" : actual.ToJsonString())}");
        }

        if (testCase.UndefinedResult)
        {
            return actual is null ? (true, null) : (false, $"expected undefined, got {actual.ToJsonString()}");
        }

        if (actual is null)
        {
            return (false, $"expected {testCase.Result?.ToJsonString()}, got undefined");
        }

        var equal = testCase.Unordered ? UnorderedEquals(testCase.Result!, actual) : NumericEquals(testCase.Result!, actual);
        return equal ? (true, null) : (false, $"expected {testCase.Result!.ToJsonString()}, got {actual.ToJsonString()}");
    }

    private static bool UnorderedEquals(JsonValue expected, JsonValue actual)
    {
        if (expected is not JsonArray e || actual is not JsonArray a || e.Count != a.Count)
        {
            return NumericEquals(expected, actual);
        }

        var remaining = a.Items.ToArray().ToList();
        foreach (var item in e.Items)
        {
            var index = remaining.FindIndex(x => NumericEquals(item, x));
            if (index < 0)
            {
                return false;
            }

            remaining.RemoveAt(index);
        }

        return true;
    }

    /// <summary>Deep equality with numbers compared as doubles.</summary>
    public static bool NumericEquals(JsonValue expected, JsonValue actual)
    {
        ArgumentNullException.ThrowIfNull(expected);
        ArgumentNullException.ThrowIfNull(actual);
        switch (expected)
        {
            case JsonNumber n:
                return actual is JsonNumber an && n.DoubleValue == an.DoubleValue;
            case JsonArray ea:
                {
                    if (actual is not JsonArray aa || aa.Count != ea.Count)
                    {
                        return false;
                    }

                    for (var i = 0; i < ea.Count; i++)
                    {
                        if (!NumericEquals(ea[i], aa[i]))
                        {
                            return false;
                        }
                    }

                    return true;
                }

            case JsonObject eo:
                {
                    if (actual is not JsonObject ao || ao.Count != eo.Count)
                    {
                        return false;
                    }

                    foreach (var m in eo.Members)
                    {
                        if (!ao.TryGetValue(m.Key, out var v) || !NumericEquals(m.Value, v))
                        {
                            return false;
                        }
                    }

                    return true;
                }

            default:
                return expected.Equals(actual);
        }
    }
}
