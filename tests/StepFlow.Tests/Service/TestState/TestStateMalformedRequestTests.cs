using StepFlow.Service;
using StepFlow.Service.TestState;

namespace StepFlow.Tests.Service.TestState;

/// <summary>
/// Malformed TestState requests: each is refused with AWS's error code and a message that names the place (a JSON
/// Pointer into the request or the definition, the field, or the state), never with any other exception.
/// </summary>
public sealed class TestStateMalformedRequestTests
{
    private const string V = ExecutionApiErrorCodes.ValidationException;
    private const string D = ExecutionApiErrorCodes.InvalidDefinition;
    private const string PassState = """{"Type":"Pass","End":true}""";
    private const string LambdaTask = """{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","Parameters":{"FunctionName":"f"},"End":true}""";

    public static TheoryData<string, string, string, string> Requests() => new()
    {
        { "request not JSON", "{\"definition\": ", V, "The request is not valid JSON" },
        { "request an array", "[]", V, "Value at '/'" },
        { "definition missing", "{}", V, "'/definition'" },
        { "unknown request field", Req("\"inputs\":\"{}\""), V, "'/inputs'" },
        { "unknown inspection level", Req("\"inspectionLevel\":\"VERBOSE\""), V, "'/inspectionLevel'" },
        { "lower-case inspection level", Req("\"inspectionLevel\":\"debug\""), V, "'/inspectionLevel'" },
        { "revealSecrets not a boolean", Req("\"revealSecrets\":\"yes\""), V, "'/revealSecrets'" },
        { "mock not an object", Req("\"mock\":\"{}\""), V, "'/mock'" },
        { "unknown field validation mode", Req("\"mock\":{\"result\":\"{}\",\"fieldValidationMode\":\"LAX\"}", LambdaTask), V, "'/mock/fieldValidationMode'" },
        { "mock error name not a string", Req("\"mock\":{\"errorOutput\":{\"error\":1}}", LambdaTask), V, "'/mock/errorOutput/error'" },
        { "retry count not an integer", Req("\"stateConfiguration\":{\"retrierRetryCount\":\"two\"}"), V, "'/stateConfiguration/retrierRetryCount'" },
        { "negative retry count", Req("\"stateConfiguration\":{\"retrierRetryCount\":-1}"), V, "'stateConfiguration.retrierRetryCount'" },
        { "input not JSON", Req("\"input\":\"{oops\""), V, "Invalid 'input'" },
        { "variables not an object", Req("\"variables\":\"[1]\""), V, "Invalid 'variables'" },
        { "context not JSON", Req("\"context\":\"{\""), V, "Invalid 'context'" },
        { "input nested 100 000 deep", Req("\"input\":\"" + new string('[', 100_000) + "\""), V, "Invalid 'input'" },
        { "empty state name", Req("\"stateName\":\"\""), V, "'stateName'" },
        { "definition not JSON", Req(string.Empty, """{"Type":"""), D, "INVALID_JSON_DESCRIPTION" },
        { "definition an array", Req(string.Empty, "[]"), D, "at /'" },
        { "unknown state type", Req(string.Empty, """{"Type":"Sleep","End":true}"""), D, "at /States/StateName/Type" },
        { "state without Type", Req(string.Empty, """{"End":true}"""), D, "at /States/StateName" },
        { "bad JSONPath in Parameters", Req(string.Empty, """{"Type":"Pass","Parameters":{"a.$":"$..[?("},"End":true}"""), D, "/States/StateName/Parameters" },
        { "machine with a dangling Next", Req(string.Empty, """{"StartAt":"A","States":{"A":{"Type":"Pass","Next":"B"}}}"""), D, "/States/A/Next" },
        { "state name not in the machine", Req("\"stateName\":\"Nope\"", """{"StartAt":"A","States":{"A":{"Type":"Pass","End":true}}}"""), V, "State not found in definition" },
        { "mock with result and error", Req("\"mock\":{\"result\":\"{}\",\"errorOutput\":{\"error\":\"E\"}}", LambdaTask), V, "[result, errorOutput]" },
        { "mock result not JSON", Req("\"mock\":{\"result\":\"not json\"}", LambdaTask), V, "Mocked result must be valid JSON" },
        { "mock on a Pass state", Req("\"mock\":{\"result\":\"{}\"}"), V, "State type 'Pass'" },
        { "Parallel without a mock", Req(string.Empty, """{"Type":"Parallel","Branches":[{"StartAt":"B","States":{"B":{"Type":"Pass","End":true}}}],"End":true}"""), D, "Map or Parallel" },
        { "Map context in the context object", Req("\"context\":\"{\\\"Map\\\":{}}\""), V, "'Map' field" },
        { "unknown context field", Req("\"context\":\"{\\\"Pokedex\\\":{}}\""), V, "Field 'Pokedex'" },
        { "context Execution.Name not a string", Req("\"context\":\"{\\\"Execution\\\":{\\\"Name\\\":1}}\""), V, "Execution.Name" },
        { "mocked lambda StatusCode a string", Req("\"mock\":{\"result\":\"{\\\"StatusCode\\\":\\\"200\\\"}\"}", LambdaTask), V, "Field 'StatusCode'" },
        { "failure count without a mock", Req("\"stateConfiguration\":{\"mapIterationFailureCount\":1}"), V, "MapIterationFailureCount" },
    };

    [Theory]
    [MemberData(nameof(Requests))]
    public async Task TestState_MalformedRequest_IsRefusedWithTheCodeAndThePlace(string what, string requestJson, string code, string place)
    {
        using var engine = StepFlowEngine.CreateBuilder().Build();

        var act = async () => await engine.TestStateAsync(TestStateJson.ParseRequest(requestJson), CancellationToken.None);

        var refusal = await act.Should().ThrowExactlyAsync<ExecutionApiException>(what);
        refusal.Which.ErrorCode.Should().Be(code, what);
        refusal.Which.Message.Should().Contain(place, what);
    }

    [Fact]
    public void Requests_AreAtLeastTwenty()
    {
        Requests().Count.Should().BeGreaterThanOrEqualTo(20);
    }

    /// <summary>A request with the given extra fields and definition (a lone Pass state by default).</summary>
    private static string Req(string extraFields, string definition = PassState)
    {
        var quoted = definition.StartsWith('{') || definition.StartsWith('[')
            ? System.Text.Json.JsonSerializer.Serialize(definition)
            : "\"" + definition + "\"";
        return extraFields.Length == 0 ? $"{{\"definition\":{quoted}}}" : $"{{\"definition\":{quoted},{extraFields}}}";
    }
}
