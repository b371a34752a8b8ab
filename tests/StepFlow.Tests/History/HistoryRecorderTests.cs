using Microsoft.Extensions.Time.Testing;
using StepFlow.Errors;
using StepFlow.History;
using StepFlow.Json;

namespace StepFlow.Tests.History;

public sealed class HistoryRecorderTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(16)]
    [InlineData(17)]
    [InlineData(2032)]
    [InlineData(2033)]
    [InlineData(5000)]
    public void Add_AcrossChunkBoundaries_KeepsIdsOrderAndData(int count)
    {
        var recorder = new HistoryRecorder(new FakeTimeProvider(), record: true);

        for (var i = 0; i < count; i++)
        {
            recorder.Add(HistoryEventTypes.PassStateEntered, $"S{i}", JsonValue.From(i)).Should().Be(i + 1);
        }

        var events = recorder.Events;
        events.Should().HaveCount(count);
        for (var i = 0; i < count; i++)
        {
            events[i].Id.Should().Be(i + 1);
            events[i].PreviousEventId.Should().Be(i);
            events[i].StateName.Should().Be($"S{i}");
            events[i].Data.Should().Be(JsonValue.From(i));
        }
    }

    [Fact]
    public async Task Events_ReadFromManyThreads_AreMaterialisedOncePerEvent()
    {
        var recorder = new HistoryRecorder(new FakeTimeProvider(), record: true);
        for (var i = 0; i < 3000; i++)
        {
            recorder.Add(HistoryEventTypes.PassStateEntered, "S", index: i);
        }

        var events = recorder.Events;
        var reads = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => events.ToArray())));

        reads.Should().AllSatisfy(read => read.Should().HaveCount(3000));
        for (var i = 0; i < 3000; i += 7)
        {
            reads.Select(read => read[i]).Should().AllSatisfy(e => e.Should().BeSameAs(events[i]));
            events[i].Index.Should().Be(i);
        }
    }

    [Fact]
    public async Task Add_FromManyThreads_LosesAndDuplicatesNothing()
    {
        var recorder = new HistoryRecorder(new FakeTimeProvider(), record: true);

        await Task.WhenAll(Enumerable.Range(0, 8).Select(t => Task.Run(() =>
        {
            for (var i = 0; i < 3000; i++)
            {
                recorder.Add(HistoryEventTypes.MapIterationStarted, "M", index: (t * 3000) + i);
            }
        })));

        recorder.Events.Select(e => e.Index).Order().Should().Equal(Enumerable.Range(0, 24000));
        recorder.Events.Select(e => e.Id).Should().Equal(Enumerable.Range(1, 24000).Select(i => (long)i));
    }

    [Fact]
    public void Add_TheLimitsEvent_MayOnlyCloseTheExecution_AsOnAws()
    {
        // AWS: with 24,999 events recorded, event 25,000 is ExecutionSucceeded or the ExecutionFailed of the limit.
        var recorder = new HistoryRecorder(new FakeTimeProvider(), record: true, limit: 4);
        recorder.Add(HistoryEventTypes.ExecutionStarted);
        recorder.Add(HistoryEventTypes.PassStateEntered, "A");
        recorder.Add(HistoryEventTypes.PassStateExited, "A");

        var act = () => recorder.Add(HistoryEventTypes.PassStateEntered, "B");

        var error = act.Should().Throw<StatesErrorException>().Which;
        error.Error.Should().Be(StatesErrorNames.Runtime);
        error.Cause.Should().Be("The execution reached the maximum number of history events (4).");
        recorder.Add(HistoryEventTypes.ExecutionFailed).Should().Be(4);
        recorder.Events.Select(e => e.Type).Should().Equal("ExecutionStarted", "PassStateEntered", "PassStateExited", "ExecutionFailed");
    }

    [Fact]
    public void Add_WithTheHistoryOff_StillCountsAgainstTheLimit()
    {
        var recorder = new HistoryRecorder(new FakeTimeProvider(), record: false, limit: 3);
        recorder.Add(HistoryEventTypes.ExecutionStarted);
        recorder.Add(HistoryEventTypes.PassStateEntered, "A");

        var act = () => recorder.Add(HistoryEventTypes.PassStateExited, "A");

        act.Should().Throw<StatesErrorException>().Which.Error.Should().Be(StatesErrorNames.Runtime);
        recorder.LimitReached.Should().BeTrue();
        recorder.Events.Should().BeEmpty();
    }

    [Fact]
    public void Details_AreAwsShaped_AndBuiltFromTheSharedData()
    {
        var recorder = new HistoryRecorder(new FakeTimeProvider(), record: true);
        recorder.Add(HistoryEventTypes.PassStateExited, "A", JsonValue.Parse("""{"x":1}"""));

        ((JsonValue)recorder.Events[0].Details).Equals(JsonValue.Parse("""{"name":"A","output":"{\"x\":1}","outputDetails":{"truncated":false}}""")).Should().BeTrue();
    }
}
