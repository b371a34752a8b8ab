using StepFlow.Json;
using StepFlow.Persistence;
using StepFlow.Testing;
using StepFlow.Testing.Mocks;

namespace StepFlow.Tests.Fluent;

public sealed class StateMachineTestTests
{
    private static StateMachineTest Sut() => StateMachineTest.FromText(FluentDefinitions.Order)
        .MockState("Validate", """{"Payload":{"valid":true}}""")
        .MockResource("arn:aws:states:::sqs:sendMessage", "{}");

    [Fact]
    public async Task RunAsync_RetriesAndADayLongWait_PassOnTheFakeClockInMilliseconds()
    {
        var sut = Sut().MockState("Charge", m => m.Throw(2, "Payment.Timeout", "slow").Return("""{"id":"c-1"}"""));

        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var result = await sut.RunAsync("""{"orderId":"o-1"}""");
        var wall = System.Diagnostics.Stopwatch.GetElapsedTime(started);

        result.Status.Should().Be(ExecutionStatus.Succeeded);
        result.VisitedStates.Should().Equal("Validate", "Charge", "Cool off", "Valid?", "Ship");
        result.RetriesOf("Charge").Should().Be(2);
        result.Duration.Should().Be(TimeSpan.FromHours(2) + TimeSpan.FromDays(1));
        wall.Should().BeLessThan(TimeSpan.FromSeconds(10), "the fake clock skips the waiting (a generous bound; bench/ measures it)");
        result.Output.Should().Be(JsonValue.Parse("""{"orderId":"o-1","validation":{"valid":true},"charge":{"id":"c-1"}}"""));
    }

    [Fact]
    public async Task RunAsync_Path_RecordsEachStatesInputAndOutput()
    {
        var result = await Sut().MockState("Charge", """{"id":"c-1"}""").RunAsync("""{"orderId":"o-1"}""");

        var charge = result.VisitsOf("Charge").Should().ContainSingle().Subject;
        charge.Input.Should().Be(JsonValue.Parse("""{"orderId":"o-1","validation":{"valid":true}}"""));
        charge.Output.Should().Be(JsonValue.Parse("""{"orderId":"o-1","validation":{"valid":true},"charge":{"id":"c-1"}}"""));
        charge.EnteredEventType.Should().Be("TaskStateEntered");
        result.Path[^1].Name.Should().Be("Ship");
    }

    [Fact]
    public async Task RunAsync_MockedErrorCaught_TakesTheCatchPath()
    {
        var result = await Sut().MockState("Charge", m => m.Throw("Payment.Declined", "card expired")).RunAsync("""{"orderId":"o-1"}""");

        result.Status.Should().Be(ExecutionStatus.Failed);
        (result.Error, result.Cause).Should().Be(("Order.Rejected", "the order was rejected"));
        result.VisitedStates.Should().Equal("Validate", "Charge", "Reject");
        result.Path[^1].Input.Should().Be(JsonValue.Parse("""{"orderId":"o-1","validation":{"valid":true},"error":{"Error":"Payment.Declined","Cause":"card expired"}}"""));
        result.Path[^1].Output.Should().BeNull("a Fail state does not exit");
    }

    [Fact]
    public async Task RunAsync_LastAnswerRepeats_SoRetriesRunOut()
    {
        var result = await Sut().MockState("Charge", m => m.Throw("Payment.Timeout")).RunAsync("""{"orderId":"o-1"}""");

        result.Error.Should().Be("Payment.Timeout");
        result.RetriesOf("Charge").Should().Be(3);
    }

    [Fact]
    public async Task RunAsync_StateMockWinsOverResourceMockAndTestCase()
    {
        var config = MockConfig.Parse("""
            {"StateMachines":{"Orders":{"TestCases":{"T":{"Charge":"Declined","Validate":"Invalid"}}}},
             "MockedResponses":{"Declined":{"0":{"Throw":{"Error":"Payment.Declined"}}},"Invalid":{"0":{"Return":{"Payload":{"valid":false}}}}}}
            """);
        var sut = StateMachineTest.FromText(FluentDefinitions.Order)
            .UseTestCase(config, "Orders", "T")
            .MockState("Charge", """{"id":"c-1"}""");

        var result = await sut.RunAsync("""{"orderId":"o-1"}""");

        result.VisitedStates.Should().Equal("Validate", "Charge", "Cool off", "Valid?", "Reject");
        result.Error.Should().Be("Order.Rejected");
    }

    [Fact]
    public async Task RunAsync_ATaskNobodyAnswers_IsStoppedByTheWallClockLimitNamingTheState()
    {
        // An unmocked .waitForTaskToken Task whose handler never answers the token: the fake clock has nothing to skip.
        var sut = StateMachineTest.FromText("""
                {"StartAt":"Approve","States":{"Approve":{"Type":"Task","Resource":"arn:aws:states:::sqs:sendMessage.waitForTaskToken",
                  "Parameters":{"token.$":"$$.Task.Token"},"End":true}}}
                """)
            .WithHandler("arn:aws:states:::sqs:sendMessage", _ => JsonValue.Parse("{}"))
            .WithWallClockLimit(TimeSpan.FromMilliseconds(300));

        var run = () => sut.RunAsync();

        (await run.Should().ThrowAsync<TimeoutException>()).Which.Message.Should().Be(
            "The run of 'StateMachine' did not end within 0.3 s of wall-clock time and was stopped; still running: 'Approve'. A .waitForTaskToken or activity Task that nobody answers waits forever: mock it (MockState) or answer its token.");
    }

    [Fact]
    public async Task RunAsync_CancelledByTheCaller_ReturnsTheAbortedRun()
    {
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        var result = await Sut().MockState("Charge", "{}").RunAsync("""{"orderId":"o-1"}""", cancelled.Token);

        result.Status.Should().Be(ExecutionStatus.Aborted);
    }

    [Fact]
    public async Task UseSeed_SameSeed_SameUuidsAndRandomNumbersOnEveryRun()
    {
        const string definition = """
            {"StartAt":"Draw","States":{"Draw":{"Type":"Pass","Parameters":{"id.$":"States.UUID()","n.$":"States.MathRandom(1, 1000000)"},"End":true}}}
            """;
        var seeded = StateMachineTest.FromText(definition).UseSeed(42);

        var first = await seeded.RunAsync();
        var second = await seeded.RunAsync();
        var other = await StateMachineTest.FromText(definition).UseSeed(43).RunAsync();

        second.Output.Should().Be(first.Output);
        other.Output.Should().NotBe(first.Output);
    }

    [Fact]
    public async Task RetriesOf_ConcurrentMapIterations_CountsEveryRetryOfTheState()
    {
        // Each item n fails n times before it succeeds; the back-offs make the iterations interleave on the fake clock.
        var sut = StateMachineTest.FromText("""
                {"StartAt":"Each","States":{"Each":{"Type":"Map","MaxConcurrency":4,"End":true,
                  "ItemProcessor":{"StartAt":"Price","States":{"Price":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke",
                    "Retry":[{"ErrorEquals":["Busy"],"IntervalSeconds":1,"MaxAttempts":3}],"End":true}}}}}}
                """)
            .WithHandler("arn:aws:states:::lambda:invoke", i => i.RetryCount < Int(i.Input)
                ? throw new StepFlow.Errors.StatesErrorException("Busy", null)
                : JsonValue.From(Int(i.Input) * 10));

        var result = await sut.RunAsync("[0, 2, 1, 3]");

        result.Output.Should().Be(JsonValue.Parse("[0, 20, 10, 30]"));
        result.RetriesOf("Price").Should().Be(6);
        result.VisitsOf("Price").Select(v => Int(v.Input)).Should().BeEquivalentTo([0, 2, 1, 3]);
    }

    private static int Int(JsonValue value) => ((JsonNumber)value).TryGetInt32(out var n) ? n : throw new InvalidOperationException();

    [Fact]
    public void MockState_WithoutAnswers_IsRefused()
    {
        FluentActions.Invoking(() => StateMachineTest.FromText(FluentDefinitions.Order).MockState("Charge", _ => { }))
            .Should().Throw<ArgumentException>().WithMessage("A mock needs at least one answer*");
    }

    [Fact]
    public void FromFile_NamesTheStateMachineAfterTheFile()
    {
        var path = Path.Combine(Path.GetTempPath(), $"order-{Guid.NewGuid():N}.asl.json");
        File.WriteAllText(path, FluentDefinitions.Order);
        try
        {
            StateMachineTest.FromFile(path).StateMachineName.Should().StartWith("order-").And.NotContain(".");
        }
        finally
        {
            File.Delete(path);
        }
    }
}
