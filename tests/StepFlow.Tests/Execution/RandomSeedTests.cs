using StepFlow.Errors;
using StepFlow.Json;
using StepFlow.Parsing;
using StepFlow.Persistence;
using StepFlow.Tests.Tasks;

namespace StepFlow.Tests.Execution;

/// <summary>
/// <see cref="StepFlowEngineBuilder.UseRandomSeed"/>: every random value (States.UUID, States.MathRandom, $uuid(),
/// $random(), $shuffle, FULL jitter, generated execution names, integration request ids) comes from the seed.
/// </summary>
public sealed class RandomSeedTests
{
    private const string Function = "arn:aws:lambda:us-east-1:123456789012:function:echo";

    /// <summary>Every random function of both query languages, twice each, and lambda:invoke's request id.</summary>
    private const string Definition = """
        {"StartAt":"Intrinsics","States":{
          "Intrinsics":{"Type":"Pass","Parameters":{
            "u1.$":"States.UUID()","u2.$":"States.UUID()",
            "r1.$":"States.MathRandom(1, 1000000000)","r2.$":"States.MathRandom(1, 1000000000)"},
            "ResultPath":"$.intrinsics","Next":"Jsonata"},
          "Jsonata":{"Type":"Pass","QueryLanguage":"JSONata","Output":{
            "intrinsics":"{% $states.input.intrinsics %}",
            "u":"{% [$uuid(), $uuid()] %}","r":"{% [$random(), $random()] %}","s":"{% $shuffle([1,2,3,4,5,6,7,8,9,10]) %}"},
            "Next":"Invoke"},
          "Invoke":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke",
            "Parameters":{"FunctionName":"echo","Payload":{}},"ResultSelector":{"id.$":"$.SdkResponseMetadata.RequestId"},
            "ResultPath":"$.invoke","End":true}}}
        """;

    private static StepFlowEngine Engine(int? seed, TimeProvider? clock = null, Func<StepFlow.Tasks.TaskInvocation, JsonValue>? handler = null)
    {
        var builder = StepFlowEngine.CreateBuilder().AddTaskHandler(Function, handler ?? (i => JsonObject.Empty));
        if (clock is not null)
        {
            builder.UseTimeProvider(clock);
        }

        if (seed is { } s)
        {
            builder.UseRandomSeed(s);
        }

        return builder.Build();
    }

    private static async Task<JsonValue> OutputAsync(StepFlowEngine engine)
    {
        using var guard = TaskTestHost.Guard();
        var result = await TaskTestHost.StartAsync(engine, Definition).WaitAsync(guard.Token);
        result.Status.Should().Be(ExecutionStatus.Succeeded, result.Cause);
        return result.Output!;
    }

    [Fact]
    public async Task SameSeed_GivesTheSameUuidsRandomNumbersShufflesAndRequestIds()
    {
        var first = await OutputAsync(Engine(42));
        var second = await OutputAsync(Engine(42));

        second.ToJsonString().Should().Be(first.ToJsonString());
        var output = (JsonObject)first;
        var intrinsics = (JsonObject)output["intrinsics"];
        intrinsics.Str("u1").Should().NotBe(intrinsics.Str("u2"), "one source gives a new value at each draw");
        Guid.Parse(intrinsics.Str("u1")).Version.Should().Be(4);
        var uuids = (JsonArray)output["u"];
        uuids[0].Should().NotBe(uuids[1]);
        Guid.Parse(((JsonString)uuids[0]).Value).Version.Should().Be(4);
        ((JsonObject)output["invoke"]).Str("id").Should().NotBeNullOrEmpty();
    }

    [Fact]
    public async Task DifferentSeeds_AndNoSeed_GiveDifferentValues()
    {
        var seeded = (JsonObject)await OutputAsync(Engine(42));
        var other = (JsonObject)await OutputAsync(Engine(43));
        var unseeded = (JsonObject)await OutputAsync(Engine(null));
        var unseededAgain = (JsonObject)await OutputAsync(Engine(null));

        foreach (var (a, b) in new[] { (seeded, other), (seeded, unseeded), (unseeded, unseededAgain) })
        {
            ((JsonObject)a["intrinsics"]).Str("u1").Should().NotBe(((JsonObject)b["intrinsics"]).Str("u1"));
            a["u"].Should().NotBe(b["u"]);
            a["r"].Should().NotBe(b["r"]);
            ((JsonObject)a["invoke"]).Str("id").Should().NotBe(((JsonObject)b["invoke"]).Str("id"));
        }
    }

    [Fact]
    public async Task SameSeed_GivesTheSameFullJitterDelays_DifferentSeedsDoNot()
    {
        var first = await JitterDelaysAsync(7);
        var second = await JitterDelaysAsync(7);
        var other = await JitterDelaysAsync(8);

        first.Should().HaveCount(4);
        second.Should().Equal(first);
        other.Should().NotEqual(first);
    }

    private static async Task<List<TimeSpan>> JitterDelaysAsync(int seed)
    {
        using var guard = TaskTestHost.Guard();
        var clock = new CountingClock();
        var engine = Engine(seed, clock, _ => throw new StatesErrorException("Boom", null));
        var run = TaskTestHost.StartAsync(engine, """
            {"StartAt":"T","States":{"T":{"Type":"Task","Resource":"arn:aws:lambda:us-east-1:123456789012:function:echo",
              "Retry":[{"ErrorEquals":["Boom"],"IntervalSeconds":100,"BackoffRate":2,"MaxAttempts":4,"JitterStrategy":"FULL"}],"End":true}}}
            """);
        for (var i = 1; i <= 4; i++)
        {
            while (clock.TimersCreated < i)
            {
                await Task.Delay(1, guard.Token);
            }

            clock.Advance(clock.DueTimes[i - 1]);
        }

        (await run.WaitAsync(guard.Token)).Error.Should().Be("Boom");
        return [.. clock.DueTimes];
    }

    [Fact]
    public async Task SameSeed_GivesTheSameGeneratedExecutionNames()
    {
        async Task<string[]> NamesAsync(int? seed)
        {
            var builder = StepFlowEngine.CreateBuilder().AddStateMachine("m", StateMachine.Parse("""{"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}}"""));
            if (seed is { } s)
            {
                builder.UseRandomSeed(s);
            }

            await using var engine = builder.Build();
            var arn = "arn:aws:states:us-east-1:123456789012:stateMachine:m";
            return [(await engine.StartExecutionAsync(arn)).ExecutionArn, (await engine.StartExecutionAsync(arn)).ExecutionArn];
        }

        var first = await NamesAsync(5);
        (await NamesAsync(5)).Should().Equal(first);
        (await NamesAsync(6)).Should().NotIntersectWith(first);
        (await NamesAsync(null)).Should().NotIntersectWith(first);
        first[0].Should().NotBe(first[1]);
    }
}
