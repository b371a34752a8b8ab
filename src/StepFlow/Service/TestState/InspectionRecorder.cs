using StepFlow.Json;
using StepFlow.Tasks;

namespace StepFlow.Service.TestState;

/// <summary>The inspection data of one TestState run, filled in step by step and frozen into the response.</summary>
internal sealed class InspectionRecorder
{
    public JsonValue? Input { get; set; }

    public JsonValue? AfterInputPath { get; set; }

    public JsonValue? AfterParameters { get; set; }

    public JsonValue? AfterArguments { get; set; }

    public JsonValue? AfterItemsPath { get; set; }

    public JsonValue? Result { get; set; }

    public JsonValue? AfterResultSelector { get; set; }

    public JsonValue? AfterResultPath { get; set; }

    public JsonObject? Variables { get; set; }

    public int? MaxConcurrency { get; set; }

    public long? ToleratedFailureCount { get; set; }

    public double? ToleratedFailurePercentage { get; set; }

    public TestStateErrorDetails? ErrorDetails { get; set; }

    /// <summary>Installed for the run at the TRACE level; an HTTP Task reports its exchange to it.</summary>
    public HttpExchangeRecorder? Http { get; set; }

    public TestStateInspectionData Freeze() => new()
    {
        Input = Input?.ToJsonString(),
        AfterInputPath = AfterInputPath?.ToJsonString(),
        AfterParameters = AfterParameters?.ToJsonString(),
        AfterArguments = AfterArguments?.ToJsonString(),
        AfterItemsPath = AfterItemsPath?.ToJsonString(),
        Result = Result?.ToJsonString(),
        AfterResultSelector = AfterResultSelector?.ToJsonString(),
        AfterResultPath = AfterResultPath?.ToJsonString(),
        Variables = Variables is { Count: > 0 } variables ? variables.ToJsonString() : null,
        ErrorDetails = ErrorDetails,
        MaxConcurrency = MaxConcurrency,
        ToleratedFailureCount = ToleratedFailureCount,
        ToleratedFailurePercentage = ToleratedFailurePercentage,
        Request = Http?.Request is { } request
            ? new TestStateHttpRequest { Protocol = request.Protocol, Method = request.Method, Url = request.Url, Headers = request.Headers, Body = request.Body }
            : null,
        Response = Http?.Response is { } response
            ? new TestStateHttpResponse
            {
                Protocol = response.Protocol, StatusCode = response.StatusCode, StatusMessage = response.StatusMessage, Headers = response.Headers, Body = response.Body,
            }
            : null,
    };
}
