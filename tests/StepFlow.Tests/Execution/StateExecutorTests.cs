using Microsoft.Extensions.Time.Testing;
using StepFlow.Errors;
using StepFlow.Execution;
using StepFlow.Json;
using StepFlow.Parsing;
using StepFlow.Persistence;

namespace StepFlow.Tests.Execution;

public sealed class StateExecutorTests
{
    [Fact]
    public async Task Pass_WithParametersAndResultPath_MergesIntoInput()
    {
        var result = await EngineTestHost.RunAsync("""
            {"StartAt":"A","States":{"A":{"Type":"Pass","Parameters":{"x.$":"$.a","lit":1},"ResultPath":"$.r","End":true}}}
            """, """{"a":"v"}""");

        result.Status.Should().Be(ExecutionStatus.Succeeded);
        result.Output.Should().Be(JsonValue.Parse("""{"a":"v","r":{"x":"v","lit":1}}"""));
        result.History.Select(e => e.Type).Should().Equal("ExecutionStarted", "PassStateEntered", "PassStateExited", "ExecutionSucceeded");
    }

    [Fact]
    public async Task ContextObject_InConsecutiveSynchronousStates_IsEachStatesOwn()
    {
        // Pass, Choice and Succeed states of one graph share a reused visit: each must still see its own $$.State.
        var result = await EngineTestHost.RunAsync("""
            {"StartAt":"A","States":{
             "A":{"Type":"Pass","Parameters":{"a.$":"$$.State.Name"},"ResultPath":"$.a","Next":"C"},
             "C":{"Type":"Choice","Choices":[{"Variable":"$$.State.Name","StringEquals":"C","Next":"B"}],"Default":"F"},
             "B":{"Type":"Pass","Parameters":{"b.$":"$$.State.Name","entered.$":"$$.State.EnteredTime"},"ResultPath":"$.b","Next":"M"},
             "M":{"Type":"Map","ItemsPath":"$.items","ItemProcessor":{"StartAt":"I","States":{
               "I":{"Type":"Pass","Parameters":{"i.$":"$$.State.Name"},"Next":"J"},
               "J":{"Type":"Pass","Parameters":{"j.$":"$$.State.Name","from.$":"$.i"},"End":true}}},"ResultPath":"$.m","Next":"S"},
             "S":{"Type":"Succeed"},
             "F":{"Type":"Fail","Error":"Wrong"}}}
            """, """{"items":[1,2]}""");

        result.Status.Should().Be(ExecutionStatus.Succeeded);
        var output = (JsonObject)result.Output!;
        output["a"].Should().Be(JsonValue.Parse("""{"a":"A"}"""));
        ((JsonObject)output["b"])["b"].Should().Be(JsonValue.From("B"));
        ((JsonObject)output["b"])["entered"].Should().BeOfType<JsonString>();
        output["m"].Should().Be(JsonValue.Parse("""[{"j":"J","from":"I"},{"j":"J","from":"I"}]"""));
    }

    [Fact]
    public async Task Pass_NullPaths_FollowAslRules()
    {
        var result = await EngineTestHost.RunAsync("""
            {"StartAt":"A","States":{"A":{"Type":"Pass","InputPath":null,"ResultPath":null,"Next":"B"},
             "B":{"Type":"Pass","OutputPath":null,"End":true}}}
            """, """{"a":1}""");

        result.Output.Should().Be(JsonObject.Empty);
    }

    [Fact]
    public async Task Pass_MissingParameterPath_FailsWithRuntimeErrorNamingTheState()
    {
        var result = await EngineTestHost.RunAsync("""
            {"StartAt":"A","States":{"A":{"Type":"Pass","Parameters":{"x.$":"$.missing"},"End":true}}}
            """);

        result.Status.Should().Be(ExecutionStatus.Failed);
        result.Error.Should().Be(StatesErrorNames.Runtime);
        result.Cause.Should().Be("An error occurred while executing the state 'A' (entered at the event id #2). The JSONPath '$.missing' specified for the field 'x.$' could not be found in the input '{}'");
    }

    [Theory]
    [InlineData("""{"n":5,"s":"abc"}""", "Big")]
    [InlineData("""{"n":1,"s":"abc"}""", "Small")]
    [InlineData("""{"n":1,"s":"zzz"}""", "Other")]
    public async Task Choice_PicksFirstMatchingRule_OrDefault(string input, string expected)
    {
        var result = await EngineTestHost.RunAsync("""
            {"StartAt":"C","States":{
              "C":{"Type":"Choice","Choices":[
                {"Variable":"$.n","NumericGreaterThan":3,"Next":"Big"},
                {"And":[{"Variable":"$.s","StringMatches":"a*c"},{"Not":{"Variable":"$.n","NumericEquals":2}}],"Next":"Small"}],
               "Default":"Other"},
              "Big":{"Type":"Pass","Result":"Big","End":true},
              "Small":{"Type":"Pass","Result":"Small","End":true},
              "Other":{"Type":"Pass","Result":"Other","End":true}}}
            """, input);

        result.Output.Should().Be(JsonValue.From(expected));
    }

    [Fact]
    public async Task Choice_NoMatchAndNoDefault_FailsWithRuntime()
    {
        var result = await EngineTestHost.RunAsync("""
            {"StartAt":"C","States":{"C":{"Type":"Choice","Choices":[{"Variable":"$.n","NumericEquals":1,"Next":"E"}]},"E":{"Type":"Succeed"}}}
            """, """{"n":2}""");

        result.Status.Should().Be(ExecutionStatus.Failed);
        result.Error.Should().Be(StatesErrorNames.Runtime);
    }

    [Fact]
    public async Task Choice_JsonataNoMatchAndNoDefault_FailsWithRuntimeLikeJsonPath()
    {
        var result = await EngineTestHost.RunAsync("""
            {"QueryLanguage":"JSONata","StartAt":"C","States":{"C":{"Type":"Choice","Choices":[{"Condition":"{% $states.input.n = 1 %}","Next":"E"}]},"E":{"Type":"Succeed"}}}
            """, """{"n":2}""");

        result.Status.Should().Be(ExecutionStatus.Failed);
        result.Error.Should().Be(StatesErrorNames.Runtime);
    }

    [Fact]
    public async Task Task_CallsHandler_AndAppliesResultSelector()
    {
        var result = await EngineTestHost.RunAsync("""
            {"StartAt":"T","States":{"T":{"Type":"Task","Resource":"arn:aws:lambda:us-east-1:1:function:f",
              "Parameters":{"v.$":"$.v"},"ResultSelector":{"got.$":"$.v"},"ResultPath":"$.out","End":true}}}
            """, """{"v":42}""", b => b.Echo());

        result.Output.Should().Be(JsonValue.Parse("""{"v":42,"out":{"got":42}}"""));
        result.History.Select(e => e.Type).Should().Contain(["LambdaFunctionScheduled", "LambdaFunctionStarted", "LambdaFunctionSucceeded"]);
    }

    [Fact]
    public async Task Task_RetriesThenCatches_WithBackoffOnTheClock()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.Parse("2024-01-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        var calls = 0;
        var run = EngineTestHost.RunAsync("""
            {"StartAt":"T","States":{
              "T":{"Type":"Task","Resource":"arn:aws:lambda:us-east-1:123456789012:function:r","Retry":[{"ErrorEquals":["Boom"],"IntervalSeconds":2,"MaxAttempts":2,"BackoffRate":3}],
                   "Catch":[{"ErrorEquals":["States.ALL"],"ResultPath":"$.err","Next":"H"}],"End":true},
              "H":{"Type":"Pass","End":true}}}
            """, "{}", b => b.AddTaskHandler("arn:aws:lambda:us-east-1:123456789012:function:r", _ => { calls++; throw new StatesErrorException("Boom", "bad"); }), clock);

        var result = await EngineTestHost.AdvanceUntilDoneAsync(run, clock, TimeSpan.FromSeconds(1));
        calls.Should().Be(3);
        result.Output.Should().Be(JsonValue.Parse("""{"err":{"Error":"Boom","Cause":"bad"}}"""));
        (clock.GetUtcNow() - result.StartDate).Should().BeGreaterThanOrEqualTo(TimeSpan.FromSeconds(8));
    }

    [Fact]
    public async Task Task_HandlerException_BecomesTaskFailed()
    {
        var result = await EngineTestHost.RunAsync("""
            {"StartAt":"T","States":{"T":{"Type":"Task","Resource":"arn:aws:lambda:us-east-1:123456789012:function:r","End":true}}}
            """, "{}", b => b.AddTaskHandler("arn:aws:lambda:us-east-1:123456789012:function:r", _ => throw new InvalidOperationException("nope")));

        result.Status.Should().Be(ExecutionStatus.Failed);
        result.Error.Should().Be(StatesErrorNames.TaskFailed);
        result.Cause.Should().Contain("nope");
    }

    [Fact]
    public async Task Task_UnregisteredResource_FailsClearly()
    {
        var result = await EngineTestHost.RunAsync("""
            {"StartAt":"T","States":{"T":{"Type":"Task","Resource":"arn:aws:states:::sqs:sendMessage","End":true}}}
            """);

        result.Error.Should().Be(StatesErrorNames.TaskFailed);
        result.Cause.Should().Contain("arn:aws:states:::sqs:sendMessage");
    }

    [Fact]
    public async Task LambdaInvoke_WrapsTheFunctionResult()
    {
        var result = await EngineTestHost.RunAsync("""
            {"StartAt":"T","States":{"T":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke",
              "Parameters":{"FunctionName":"fn","Payload":{"a":1}},"OutputPath":"$.Payload","End":true}}}
            """, "{}", b => b.AddTaskHandler("arn:aws:lambda:*:*:function:fn", i => JsonObject.Create(("echo", i.Input))));

        result.Output.Should().Be(JsonValue.Parse("""{"echo":{"a":1}}"""));
    }

    [Fact]
    public async Task Parallel_ReturnsBranchOutputsInOrder()
    {
        var result = await EngineTestHost.RunAsync("""
            {"StartAt":"P","States":{"P":{"Type":"Parallel","End":true,"Branches":[
              {"StartAt":"A","States":{"A":{"Type":"Pass","Result":1,"End":true}}},
              {"StartAt":"B","States":{"B":{"Type":"Wait","Seconds":0,"Next":"B2"},"B2":{"Type":"Pass","Result":2,"End":true}}}]}}}
            """);

        result.Output.Should().Be(JsonValue.Parse("[1,2]"));
    }

    [Fact]
    public async Task Parallel_BranchFailure_FailsTheState_AndCanBeCaught()
    {
        var result = await EngineTestHost.RunAsync("""
            {"StartAt":"P","States":{"P":{"Type":"Parallel","Next":"Done","Catch":[{"ErrorEquals":["Bad"],"Next":"Done"}],"Branches":[
              {"StartAt":"A","States":{"A":{"Type":"Fail","Error":"Bad","Cause":"why"}}}]},"Done":{"Type":"Succeed"}}}
            """);

        result.Status.Should().Be(ExecutionStatus.Succeeded);
        result.Output.Should().Be(JsonValue.Parse("""{"Error":"Bad","Cause":"why"}"""));
    }

    [Fact]
    public async Task Map_WithItemSelector_UsesIndexAndValue_AndKeepsOrder()
    {
        var result = await EngineTestHost.RunAsync("""
            {"StartAt":"M","States":{"M":{"Type":"Map","ItemsPath":"$.xs","MaxConcurrency":2,
              "ItemSelector":{"i.$":"$$.Map.Item.Index","v.$":"$$.Map.Item.Value","k.$":"$.k"},
              "ItemProcessor":{"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}},"End":true}}}
            """, """{"xs":["a","b","c"],"k":0}""");

        result.Output.Should().Be(JsonValue.Parse("""[{"i":0,"v":"a","k":0},{"i":1,"v":"b","k":0},{"i":2,"v":"c","k":0}]"""));
    }

    [Fact]
    public async Task Map_ItemsPathNotAnArray_FailsWithRuntime()
    {
        var result = await EngineTestHost.RunAsync("""
            {"StartAt":"M","States":{"M":{"Type":"Map","ItemsPath":"$.xs",
              "ItemProcessor":{"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}},"End":true}}}
            """, """{"xs":5}""");

        result.Error.Should().Be(StatesErrorNames.Runtime);
    }

    [Fact]
    public async Task Wait_SecondsPath_WaitsOnTheInjectedClock()
    {
        var start = DateTimeOffset.Parse("2024-01-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture);
        var clock = new FakeTimeProvider(start);
        var run = EngineTestHost.RunAsync("""
            {"StartAt":"W","States":{"W":{"Type":"Wait","SecondsPath":"$.s","End":true}}}
            """, """{"s":3600}""", clock: clock);

        await Task.Delay(50);
        run.IsCompleted.Should().BeFalse();
        var result = await EngineTestHost.AdvanceUntilDoneAsync(run, clock, TimeSpan.FromMinutes(30));

        result.Status.Should().Be(ExecutionStatus.Succeeded);
        (result.StopDate - start).Should().BeGreaterThanOrEqualTo(TimeSpan.FromHours(1));
        result.History.Single(e => e.Type == "WaitStateExited").Timestamp.Should().BeOnOrAfter(start.AddHours(1));
    }

    [Fact]
    public async Task Wait_LongerThanATimerCanHold_WaitsInSlices()
    {
        var start = DateTimeOffset.UnixEpoch;
        var clock = new FakeTimeProvider(start);
        var run = EngineTestHost.RunAsync("""
            {"StartAt":"W","States":{"W":{"Type":"Wait","Seconds":8640000,"End":true}}}
            """, clock: clock);

        var result = await EngineTestHost.AdvanceUntilDoneAsync(run, clock, TimeSpan.FromDays(1));
        result.Status.Should().Be(ExecutionStatus.Succeeded);
        (result.StopDate - start).Should().BeGreaterThanOrEqualTo(TimeSpan.FromDays(100));
    }

    [Fact]
    public async Task Execution_TimeoutSeconds_EndsTimedOut()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UnixEpoch);
        var run = EngineTestHost.RunAsync("""
            {"TimeoutSeconds":5,"StartAt":"W","States":{"W":{"Type":"Wait","Seconds":60,"End":true}}}
            """, clock: clock);

        var result = await EngineTestHost.AdvanceUntilDoneAsync(run, clock, TimeSpan.FromSeconds(5));

        result.Status.Should().Be(ExecutionStatus.TimedOut);
        result.Error.Should().Be(StatesErrorNames.Timeout);
        result.History[^1].Type.Should().Be("ExecutionTimedOut");
    }

    [Fact]
    public async Task Fail_WithErrorAndCause_FailsTheExecution()
    {
        var result = await EngineTestHost.RunAsync("""
            {"StartAt":"F","States":{"F":{"Type":"Fail","Error":"E","Cause":"C"}}}
            """);

        result.Status.Should().Be(ExecutionStatus.Failed);
        (result.Error, result.Cause).Should().Be(("E", "C"));
        result.History.Select(e => e.Type).Should().Equal("ExecutionStarted", "FailStateEntered", "ExecutionFailed");
    }

    [Fact]
    public async Task Cancellation_AbortsTheExecution()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UnixEpoch);
        using var cts = new CancellationTokenSource();
        var engine = StepFlowEngine.CreateBuilder().UseTimeProvider(clock).Build();
        var machine = StateMachine.Parse("""{"StartAt":"W","States":{"W":{"Type":"Wait","Seconds":60,"End":true}}}""");
        var run = engine.ExecuteAsync(machine, JsonObject.Empty, cancellationToken: cts.Token);

        await cts.CancelAsync();
        var result = await run;

        result.Status.Should().Be(ExecutionStatus.Aborted);
    }

    [Fact]
    public async Task PayloadLimit_StateOutputTooLarge_FailsWithDataLimitExceeded()
    {
        var big = new string('x', 300_000);
        var result = await EngineTestHost.RunAsync("{\"StartAt\":\"A\",\"States\":{\"A\":{\"Type\":\"Pass\",\"Result\":\"" + big + "\",\"End\":true}}}");

        result.Error.Should().Be(StatesErrorNames.DataLimitExceeded);
    }
}
