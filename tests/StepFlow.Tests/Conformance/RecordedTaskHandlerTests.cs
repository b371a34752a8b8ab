using StepFlow.Errors;
using StepFlow.Json;
using StepFlow.Tasks;
using StepFlow.Conformance.Asl;

namespace StepFlow.Tests.Conformance;

public sealed class RecordedTaskHandlerTests
{
    private const string Resource = "arn:aws:lambda:us-east-1:111111111111:function:fn";

    private static TaskBehaviour Behaviour(string tasksJson) =>
        ConformanceCase.Parse(
            "{\"name\":\"t\",\"definition\":{},\"input\":{},\"expected\":{\"status\":\"SUCCEEDED\",\"output\":{}},"
            + "\"tasks\":{\"" + Resource + "\": " + tasksJson + "}}").Tasks[Resource];

    private static TaskInvocation Invocation(string input) =>
        new(Resource, "State", JsonValue.Parse(input), 0, JsonObject.Empty, "arn:aws:states:us-east-1:111111111111:execution:m:e");

    [Fact]
    public async Task Echo_ReturnsTheInputUnchanged()
    {
        var handler = new RecordedTaskHandler(Resource, Behaviour("""{"kind":"echo","calls":2}"""));

        var result = await handler.InvokeAsync(Invocation("""{"a":[1,2]}"""), CancellationToken.None);

        result.Should().Be(JsonValue.Parse("""{"a":[1,2]}"""));
        handler.Invocations.Should().Be(1);
    }

    [Fact]
    public async Task Calls_PrefersTheFirstUnusedCallWithAnEqualInput()
    {
        var handler = new RecordedTaskHandler(Resource, Behaviour("""
            {"kind":"calls","calls":[
              {"input":{"i":1},"kind":"return","value":"one"},
              {"input":{"i":2},"kind":"return","value":"two"},
              {"input":{"i":2},"kind":"return","value":"two again"}]}
            """));

        (await handler.InvokeAsync(Invocation("""{"i":2}"""), CancellationToken.None)).Should().Be(JsonValue.From("two"));
        (await handler.InvokeAsync(Invocation("""{"i":2}"""), CancellationToken.None)).Should().Be(JsonValue.From("two again"));
        (await handler.InvokeAsync(Invocation("""{"i":1}"""), CancellationToken.None)).Should().Be(JsonValue.From("one"));
    }

    [Fact]
    public async Task Calls_NoEqualInput_UsesTheNextUnusedCall()
    {
        var handler = new RecordedTaskHandler(Resource, Behaviour("""
            {"kind":"calls","calls":[
              {"input":{"i":1},"kind":"return","value":"one"},
              {"input":{"i":2},"kind":"return","value":"two"}]}
            """));

        (await handler.InvokeAsync(Invocation("""{"i":9}"""), CancellationToken.None)).Should().Be(JsonValue.From("one"));
        (await handler.InvokeAsync(Invocation("""{"i":1}"""), CancellationToken.None)).Should().Be(JsonValue.From("two"));
    }

    [Fact]
    public async Task Calls_TokensInTheRecordedInput_AreWildcardsWhenMatching()
    {
        var handler = new RecordedTaskHandler(Resource, Behaviour("""
            {"kind":"calls","calls":[
              {"input":{"id":"exec:{{ExecArnPart_0idx}}","n":1},"kind":"return","value":"first"},
              {"input":{"id":"exec:{{ExecArnPart_0idx}}","n":2},"kind":"return","value":"second"}]}
            """));

        (await handler.InvokeAsync(Invocation("""{"id":"exec:run-7","n":2}"""), CancellationToken.None)).Should().Be(JsonValue.From("second"));
    }

    [Fact]
    public async Task Calls_Fail_ThrowsTheRecordedErrorAndCausePassingTokensThrough()
    {
        var handler = new RecordedTaskHandler(Resource, Behaviour("""
            {"kind":"calls","calls":[{"input":{},"kind":"fail","error":"Exception","cause":"{\"requestId\":\"{{uuid:1}}\"}"}]}
            """));

        var act = async () => await handler.InvokeAsync(Invocation("{}"), CancellationToken.None);

        var thrown = await act.Should().ThrowAsync<StatesErrorException>();
        thrown.Which.Error.Should().Be("Exception");
        thrown.Which.Cause.Should().Be("""{"requestId":"{{uuid:1}}"}""");
    }

    [Fact]
    public async Task Calls_Timeout_ThrowsStatesTimeoutAtOnce()
    {
        var handler = new RecordedTaskHandler(Resource, Behaviour("""
            {"kind":"calls","calls":[{"input":{},"kind":"timeout","error":"States.Timeout","cause":"timed out"}]}
            """));

        var act = async () => await handler.InvokeAsync(Invocation("{}"), CancellationToken.None);

        var thrown = await act.Should().ThrowAsync<StatesErrorException>();
        thrown.Which.Error.Should().Be(StatesErrorNames.Timeout);
        thrown.Which.Cause.Should().Be("timed out");
    }

    [Fact]
    public async Task Calls_MoreInvocationsThanRecorded_FailWithAClearError()
    {
        var handler = new RecordedTaskHandler(Resource, Behaviour("""
            {"kind":"calls","calls":[{"input":{},"kind":"return","value":1}]}
            """));
        await handler.InvokeAsync(Invocation("{}"), CancellationToken.None);

        var act = async () => await handler.InvokeAsync(Invocation("{}"), CancellationToken.None);

        (await act.Should().ThrowAsync<StatesErrorException>()).Which.Error.Should().Be(RecordedTaskHandler.NoRecordedCallError);
    }

    [Fact]
    public async Task Calls_ConcurrentInvocations_EachUseADistinctCall()
    {
        var calls = string.Join(",", Enumerable.Range(0, 50).Select(i => $$"""{"input":{"i":{{i}}},"kind":"return","value":{{i}}}"""));
        var handler = new RecordedTaskHandler(Resource, Behaviour($$"""{"kind":"calls","calls":[{{calls}}]}"""));

        var results = await Task.WhenAll(Enumerable.Range(0, 50).Select(i =>
            Task.Run(async () => await handler.InvokeAsync(Invocation($$"""{"i":{{i}}}"""), CancellationToken.None))));

        results.Select(r => ((JsonNumber)r).IntegerValue).Should().Equal(Enumerable.Range(0, 50).Select(i => (long)i));
    }
}
