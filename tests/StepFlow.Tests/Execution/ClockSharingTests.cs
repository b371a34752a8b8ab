using System.Text;
using Microsoft.Extensions.Time.Testing;
using StepFlow.History;
using StepFlow.Json;
using StepFlow.Parsing;
using StepFlow.Persistence;

namespace StepFlow.Tests.Execution;

/// <summary>
/// States that complete without waiting share clock readings in short runs (Frame.EntryTime); anything that may wait
/// reads the clock again. The clock here moves 1 ms on every reading, so a fresh reading is visible in the history.
/// </summary>
public sealed class ClockSharingTests
{
    [Fact]
    public async Task PassChain_TwentyStates_ReadsTheClockOncePerEightEntries()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero)) { AutoAdvanceAmount = TimeSpan.FromMilliseconds(1) };
        var result = await EngineTestHost.RunAsync(PassChain(20), clock: clock);

        result.Status.Should().Be(ExecutionStatus.Succeeded);
        var entered = result.History.Where(e => e.Type == HistoryEventTypes.PassStateEntered).Select(e => e.Timestamp).ToList();
        entered.Should().HaveCount(20).And.BeInAscendingOrder();
        entered.Distinct().Should().HaveCount(3, "entries 1-8, 9-16 and 17-20 each share one reading");
        entered[7].Should().Be(entered[0]);
        entered[8].Should().BeAfter(entered[7]);
    }

    [Fact]
    public async Task StateAfterWait_ReadsTheClockAgain()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        const string definition = """
            {"StartAt":"A","States":{
              "A":{"Type":"Pass","Next":"W"},
              "W":{"Type":"Wait","Seconds":10,"Next":"B"},
              "B":{"Type":"Pass","Next":"C"},
              "C":{"Type":"Pass","End":true}}}
            """;
        var engine = StepFlowEngine.CreateBuilder().UseTimeProvider(clock).Build();
        var run = engine.ExecuteAsync(StateMachine.Parse(definition), JsonObject.Empty, StepFlow.Execution.ExecutionOptions.Default);
        var result = await EngineTestHost.AdvanceUntilDoneAsync(run, clock, TimeSpan.FromSeconds(1));

        var a = result.History.Single(e => e.Type == HistoryEventTypes.PassStateEntered && e.StateName == "A").Timestamp;
        var b = result.History.Single(e => e.Type == HistoryEventTypes.PassStateEntered && e.StateName == "B").Timestamp;
        var c = result.History.Single(e => e.Type == HistoryEventTypes.PassStateEntered && e.StateName == "C").Timestamp;
        (b - a).Should().BeGreaterThanOrEqualTo(TimeSpan.FromSeconds(10), "the state after a Wait is entered when the Wait is over");
        c.Should().Be(b, "C follows B without waiting, so it shares B's reading");
    }

    [Fact]
    public async Task MapIteration_StartedEventAndFirstStateShareOneReading_EachIterationReadsAgain()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero)) { AutoAdvanceAmount = TimeSpan.FromMilliseconds(1) };
        const string definition = """
            {"StartAt":"M","States":{"M":{"Type":"Map","ItemsPath":"$.items","MaxConcurrency":1,
              "ItemProcessor":{"StartAt":"P","States":{"P":{"Type":"Pass","Next":"Q"},"Q":{"Type":"Pass","End":true}}},
              "End":true}}}
            """;
        var result = await EngineTestHost.RunAsync(definition, """{"items":[1,2,3]}""", clock: clock);

        result.Status.Should().Be(ExecutionStatus.Succeeded);
        var events = result.History.ToList();
        var started = events.Where(e => e.Type == HistoryEventTypes.MapIterationStarted).ToList();
        started.Should().HaveCount(3);
        started.Select(e => e.Timestamp).Distinct().Should().HaveCount(3, "every iteration reads the clock when it starts");
        foreach (var iteration in started)
        {
            var firstState = events.First(e => e.Id > iteration.Id && e.Type == HistoryEventTypes.PassStateEntered);
            firstState.Timestamp.Should().Be(iteration.Timestamp);
            var succeeded = events.First(e => e.Id > iteration.Id && e.Type == HistoryEventTypes.MapIterationSucceeded);
            succeeded.Timestamp.Should().Be(iteration.Timestamp);
        }
    }

    [Fact]
    public async Task PassAfterTask_ReadsTheClockAgain()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        const string definition = """
            {"StartAt":"A","States":{
              "A":{"Type":"Pass","Next":"T"},
              "T":{"Type":"Task","Resource":"arn:aws:lambda:us-east-1:123456789012:function:slow","Next":"B"},
              "B":{"Type":"Pass","End":true}}}
            """;
        var result = await EngineTestHost.RunAsync(
            definition,
            configure: builder => builder.AddTaskHandler("*", invocation =>
            {
                clock.Advance(TimeSpan.FromSeconds(3));
                return invocation.Input;
            }),
            clock: clock);

        result.Status.Should().Be(ExecutionStatus.Succeeded);
        var a = result.History.Single(e => e.Type == HistoryEventTypes.PassStateEntered && e.StateName == "A").Timestamp;
        var b = result.History.Single(e => e.Type == HistoryEventTypes.PassStateEntered && e.StateName == "B").Timestamp;
        (b - a).Should().Be(TimeSpan.FromSeconds(3));
    }

    private static string PassChain(int count)
    {
        var states = new StringBuilder();
        for (var i = 0; i < count; i++)
        {
            states.Append(i == 0 ? string.Empty : ",")
                .Append($$"""
                    "P{{i}}":{"Type":"Pass",{{(i == count - 1 ? "\"End\":true" : $"\"Next\":\"P{i + 1}\"")}}}
                    """);
        }

        return "{\"StartAt\":\"P0\",\"States\":{" + states + "}}";
    }
}
