using StepFlow.Durability;
using StepFlow.Execution;
using StepFlow.History;
using StepFlow.Json;
using StepFlow.Persistence;

namespace StepFlow.Tests.Durability;

/// <summary>Checkpoints hand the recorder's events to a store in place; every store sees them as ordinary stored events.</summary>
public sealed class RecordedEventsTests
{
    private const string Arn = "arn:aws:states:us-east-1:123456789012:execution:Flow:one";

    [Fact]
    public void Indexer_RecordedEvents_AreTheirStoredFormWithIdsFromTheFirst()
    {
        var recorder = Recorder();
        var assign = JsonObject.Create(("x", JsonValue.From(1)));
        recorder.Add(HistoryEventTypes.PassStateEntered, "P", JsonObject.Empty, journal: VisitJournal.Entered("", 0, 0));
        recorder.Add(HistoryEventTypes.PassStateExited, "P", JsonObject.Empty, extra: assign, journal: VisitJournal.Exited("", 0, 0, "Q", assign));

        var events = new RecordedEvents(recorder.View(), 1);

        events.Should().HaveCount(2);
        events[1].Id.Should().Be(2);
        events[1].Extra.Should().BeSameAs(assign);
        events[1].Journal!["next"].Should().Be(JsonValue.From("Q"));
        events[1].Scope.Should().Be(string.Empty);
        events.Record(1).Journal!.Assign.Should().BeSameAs(assign);
        events.Record(1).Extra.Should().BeSameAs(assign);
    }

    [Fact]
    public void View_EventsRecordedLater_AreNotInIt()
    {
        var recorder = Recorder();
        recorder.Add(HistoryEventTypes.PassStateEntered, "P");
        var view = recorder.View();
        recorder.Add(HistoryEventTypes.PassStateExited, "P");

        var events = new RecordedEvents(view, 1);
        var act = () => events[1];

        events.Should().HaveCount(1);
        act.Should().Throw<ArgumentOutOfRangeException>();
    }

    [Fact]
    public async Task InMemoryStore_RecordedEventsInTwoCommits_ReadsThemBackInOrder()
    {
        var store = new InMemoryExecutionStore();
        var recorder = Recorder();
        await store.TryCreateAsync(Record(), [], CancellationToken.None);
        recorder.Add(HistoryEventTypes.ExecutionStarted, data: JsonObject.Empty, journal: VisitJournal.Started("s"));
        var first = new RecordedEvents(recorder.View(), 1);
        recorder.Add(HistoryEventTypes.PassStateEntered, "P", JsonObject.Empty, journal: VisitJournal.Entered("", 0, 0));
        var second = new RecordedEvents(recorder.View(), 2);

        await store.CommitAsync([new ExecutionWrite(Arn, null, first)], CancellationToken.None);
        await store.CommitAsync([new ExecutionWrite(Arn, null, second)], CancellationToken.None);
        var stored = await store.ReadEventsAsync(Arn, CancellationToken.None);

        stored.Select(e => e.Id).Should().Equal(1, 2);
        stored[0].Journal!["secret"].Should().Be(JsonValue.From("s"));
        stored[1].StateName.Should().Be("P");
    }

    [Fact]
    public async Task InMemoryStore_RecordedEventsThatSkipAnId_RefusesTheCommit()
    {
        var store = new InMemoryExecutionStore();
        var recorder = Recorder();
        await store.TryCreateAsync(Record(), [], CancellationToken.None);
        recorder.Add(HistoryEventTypes.ExecutionStarted);
        recorder.Add(HistoryEventTypes.PassStateEntered, "P");

        var act = async () => await store.CommitAsync([new ExecutionWrite(Arn, null, new RecordedEvents(recorder.View(), 2))], CancellationToken.None);

        await act.Should().ThrowAsync<InvalidOperationException>().WithMessage("*Event 2*does not follow event 0*");
        (await store.ReadEventsAsync(Arn, CancellationToken.None)).Should().BeEmpty();
    }

    private static HistoryRecorder Recorder()
    {
        var recorder = new HistoryRecorder(TimeProvider.System, record: true);
        recorder.UseSerializedWrites();
        return recorder;
    }

    private static ExecutionRecord Record() => new()
    {
        ExecutionArn = Arn,
        Name = "one",
        StateMachineArn = "arn:aws:states:us-east-1:123456789012:stateMachine:Flow",
        Definition = (JsonObject)JsonValue.Parse("""{"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}}"""),
        Input = JsonObject.Empty,
        Status = ExecutionStatus.Running,
        StartDate = DateTimeOffset.UnixEpoch,
    };
}
