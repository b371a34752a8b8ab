using StepFlow.Definition;
using StepFlow.Execution;
using StepFlow.Json;
using StepFlow.Parsing;
using StepFlow.Persistence;
using StepFlow.Testing.Time;

namespace StepFlow.Tests.Robustness;

/// <summary>
/// Hundreds of deterministic mutations of valid definitions and inputs: each must end in diagnostics or
/// an execution result (with an ASL error name when it fails) — never an unhandled exception or a hang.
/// </summary>
public sealed class MutatedDefinitionTests
{
    private static readonly string[] Seeds =
    [
        """{"StartAt":"A","States":{"A":{"Type":"Pass","Parameters":{"x.$":"$.a","f.$":"States.Format('v{}',$.a)"},"ResultPath":"$.r","Next":"C"},"C":{"Type":"Choice","Choices":[{"Variable":"$.r.x","NumericGreaterThan":1,"Next":"W"},{"And":[{"Variable":"$.s","IsPresent":true},{"Variable":"$.s","StringMatches":"a*"}],"Next":"F"}],"Default":"S"},"W":{"Type":"Wait","SecondsPath":"$.a","Next":"S"},"F":{"Type":"Fail","ErrorPath":"$.s","Cause":"c"},"S":{"Type":"Succeed","OutputPath":"$.r"}}}""",
        """{"StartAt":"T","States":{"T":{"Type":"Task","Resource":"arn:aws:lambda:us-east-1:123456789012:function:f","Parameters":{"p.$":"$"},"ResultSelector":{"v.$":"$.p"},"Retry":[{"ErrorEquals":["States.ALL"],"MaxAttempts":2,"IntervalSeconds":1}],"Catch":[{"ErrorEquals":["States.ALL"],"ResultPath":"$.e","Next":"P"}],"Next":"P"},"P":{"Type":"Parallel","Branches":[{"StartAt":"B","States":{"B":{"Type":"Pass","End":true}}},{"StartAt":"B2","States":{"B2":{"Type":"Pass","Result":[1,2],"End":true}}}],"End":true}}}""",
        """{"StartAt":"M","States":{"M":{"Type":"Map","ItemsPath":"$.items","MaxConcurrency":2,"ItemSelector":{"i.$":"$$.Map.Item.Index","v.$":"$$.Map.Item.Value"},"ItemProcessor":{"StartAt":"X","States":{"X":{"Type":"Pass","Parameters":{"sum.$":"States.MathAdd($.i, 1)"},"End":true}}},"ToleratedFailureCount":1,"End":true}}}""",
    ];

    private static readonly JsonValue[] Replacements =
    [
        JsonValue.Null, JsonValue.True, JsonValue.From(-1), JsonValue.From(1.5), JsonValue.From(99_999_999_999L),
        JsonValue.From(string.Empty), JsonValue.From("$"), JsonValue.From("$.."), JsonValue.From("$[?(@.a >"),
        JsonValue.From("States.Format("), JsonValue.From("States.MathAdd($.a, 'x')"), JsonValue.From("$$.Map.Item.Value"),
        JsonValue.From("Nowhere"), JsonValue.From("\u0000\uffff"), JsonArray.Empty, JsonObject.Empty,
        JsonValue.Parse("""[{"Variable":"$.x","BooleanEquals":true,"Next":"A"}]"""),
    ];

    private static readonly string[] Inputs =
    [
        "{}", """{"a":2,"s":"abc","items":[1,2,3]}""", """{"a":"x","items":"no"}""", "[]", "null", "\"text\"",
        """{"a":-5,"items":[{"i":1},{"i":null}]}""", new string('[', 400) + new string(']', 400),
    ];

    public static IEnumerable<object[]> Mutations()
    {
        var random = new Random(20261125);
        for (var i = 0; i < 300; i++)
        {
            yield return [i, random.Next(Seeds.Length), random.Next(), random.Next(Inputs.Length)];
        }
    }

    [Theory]
    [MemberData(nameof(Mutations))]
    public async Task MutatedDefinition_EndsInDiagnosticsOrAResult(int caseNumber, int seed, int mutationSeed, int input)
    {
        var random = new Random(mutationSeed);
        var definition = JsonValue.Parse(Seeds[seed]);
        var mutations = 1 + random.Next(3);
        for (var m = 0; m < mutations; m++)
        {
            definition = Mutate(definition, random, 0);
        }

        if (!StateMachine.TryParse(definition.ToJsonString(), out var machine, out var diagnostics))
        {
            diagnostics.Should().NotBeEmpty($"case {caseNumber}: a rejected definition names its problems");
            diagnostics.Should().OnlyContain(d => !string.IsNullOrEmpty(d.Code) && d.Location != null);
            return;
        }

        var engine = StepFlowEngine.CreateBuilder()
            .UseTimeProvider(new AutoAdvancingTimeProvider(DateTimeOffset.UnixEpoch))
            .AddTaskHandler("*", invocation => invocation.RetryCount == 0 ? throw new InvalidOperationException("first attempt fails") : invocation.Input)
            .Build();
        using var guard = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var run = engine.ExecuteAsync(machine, JsonValue.Parse(Inputs[input]), cancellationToken: guard.Token);
        var result = await run;

        result.Status.Should().NotBe(ExecutionStatus.Aborted, $"case {caseNumber} must finish without hanging");
        if (result.Status == ExecutionStatus.Failed)
        {
            result.Error.Should().NotBeNull();
            result.Cause.Should().NotContain("StepFlow internal error", $"case {caseNumber}: {result.Cause}");
        }
        else
        {
            result.Output.Should().NotBeNull();
        }
    }

    private static JsonValue Mutate(JsonValue value, Random random, int depth)
    {
        switch (value)
        {
            case JsonObject obj when obj.Count > 0 && random.Next(3) > 0:
                var index = random.Next(obj.Count);
                var member = obj[index];
                return random.Next(5) switch
                {
                    0 => obj.Remove(member.Key),
                    1 => obj.SetItem(member.Key, Replacements[random.Next(Replacements.Length)]),
                    2 => obj.Remove(member.Key).SetItem(member.Key + (random.Next(2) == 0 ? ".$" : "X"), member.Value),
                    _ => obj.SetItem(member.Key, Mutate(member.Value, random, depth + 1)),
                };
            case JsonArray array when array.Count > 0 && random.Next(3) > 0:
                var position = random.Next(array.Count);
                return array.SetItem(position, Mutate(array[position], random, depth + 1));
            default:
                return depth == 0 ? value : Replacements[random.Next(Replacements.Length)];
        }
    }
}
