using System.Globalization;
using StepFlow.Json;

namespace StepFlow.Service.TestState;

/// <summary>
/// The TestState request and response in AWS's JSON (the API's field names: <c>definition</c>, <c>input</c>,
/// <c>inspectionLevel</c>, <c>mock</c>, ...). JSON-text fields (<c>definition</c>, <c>input</c>, <c>variables</c>,
/// <c>context</c>, <c>mock.result</c>, <c>stateConfiguration.mapItemReaderData</c>) are strings as in the API; a JSON
/// object or array is taken as its own text.
/// </summary>
public static class TestStateJson
{
    private static readonly string[] RequestFields =
        ["definition", "roleArn", "input", "inspectionLevel", "revealSecrets", "stateName", "variables", "context", "mock", "stateConfiguration"];

    private static readonly string[] MockFields = ["result", "errorOutput", "fieldValidationMode"];

    private static readonly string[] ErrorOutputFields = ["error", "cause"];

    private static readonly string[] ConfigurationFields = ["retrierRetryCount", "errorCausedByState", "mapIterationFailureCount", "mapItemReaderData"];

    /// <summary>Reads a TestState request.</summary>
    /// <param name="json">The request as the API takes it.</param>
    /// <returns>The request.</returns>
    /// <exception cref="ExecutionApiException">A ValidationException naming the field (as a JSON Pointer) that is wrong.</exception>
    public static TestStateRequest ParseRequest(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        JsonValue parsed;
        try
        {
            parsed = JsonValue.Parse(json);
        }
        catch (JsonParseException e)
        {
            throw TestStateErrors.Validation($"The request is not valid JSON: {e.Message}");
        }

        var root = ObjectAt(parsed, string.Empty, RequestFields) ?? throw Invalid(string.Empty, "must be a JSON object");
        var definition = JsonText(root, "definition", string.Empty)
            ?? throw TestStateErrors.Validation("1 validation error detected: Value null at '/definition' failed to satisfy constraint: Member must not be null");
        return new TestStateRequest
        {
            Definition = definition,
            RoleArn = Text(root, "roleArn", string.Empty),
            Input = JsonText(root, "input", string.Empty),
            InspectionLevel = Text(root, "inspectionLevel", string.Empty) is { } level
                ? ParseEnum<TestStateInspectionLevel>(level, "/inspectionLevel", "[INFO, DEBUG, TRACE]")
                : null,
            RevealSecrets = Bool(root, "revealSecrets", string.Empty),
            StateName = Text(root, "stateName", string.Empty),
            Variables = JsonText(root, "variables", string.Empty),
            Context = JsonText(root, "context", string.Empty),
            Mock = Mock(root),
            StateConfiguration = Configuration(root),
        };
    }

    /// <summary>Writes a TestState response as the API returns it (JSON values as JSON text).</summary>
    /// <param name="response">The response.</param>
    /// <returns>The JSON text.</returns>
    public static string FormatResponse(TestStateResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        var builder = new JsonObjectBuilder(6);
        if (response.Cause is { } cause)
        {
            builder.Set("cause", JsonValue.From(cause));
        }

        if (response.Error is { } error)
        {
            builder.Set("error", JsonValue.From(error));
        }

        if (response.InspectionData is { } data)
        {
            builder.Set("inspectionData", Inspection(data));
        }

        if (response.NextState is { } next)
        {
            builder.Set("nextState", JsonValue.From(next));
        }

        if (response.Output is { } output)
        {
            builder.Set("output", JsonValue.From(output));
        }

        builder.Set("status", JsonValue.From(StatusName(response.Status)));
        return builder.Build().ToJsonString();
    }

    /// <summary>AWS's name of a status: SUCCEEDED, FAILED, RETRIABLE or CAUGHT_ERROR.</summary>
    /// <param name="status">The status.</param>
    /// <returns>The name.</returns>
    public static string StatusName(TestStateStatus status) => status switch
    {
        TestStateStatus.Succeeded => "SUCCEEDED",
        TestStateStatus.Failed => "FAILED",
        TestStateStatus.Retriable => "RETRIABLE",
        _ => "CAUGHT_ERROR",
    };

    private static JsonObject Inspection(TestStateInspectionData data)
    {
        var builder = new JsonObjectBuilder(12);
        void Text(string name, string? value)
        {
            if (value is not null)
            {
                builder.Set(name, JsonValue.From(value));
            }
        }

        Text("input", data.Input);
        Text("afterInputPath", data.AfterInputPath);
        Text("afterParameters", data.AfterParameters);
        Text("afterArguments", data.AfterArguments);
        Text("afterItemsPath", data.AfterItemsPath);
        Text("result", data.Result);
        Text("afterResultSelector", data.AfterResultSelector);
        Text("afterResultPath", data.AfterResultPath);
        Text("variables", data.Variables);
        if (data.Request is { } request)
        {
            builder.Set("request", JsonObject.Create(
                ("protocol", JsonValue.From(request.Protocol)),
                ("method", JsonValue.From(request.Method)),
                ("url", JsonValue.From(request.Url)),
                ("headers", JsonValue.From(request.Headers)),
                ("body", JsonValue.From(request.Body))));
        }

        if (data.Response is { } response)
        {
            builder.Set("response", JsonObject.Create(
                ("protocol", JsonValue.From(response.Protocol)),
                ("statusCode", JsonValue.From(response.StatusCode)),
                ("statusMessage", JsonValue.From(response.StatusMessage)),
                ("headers", JsonValue.From(response.Headers)),
                ("body", JsonValue.From(response.Body))));
        }

        if (data.ErrorDetails is { } details)
        {
            var detailBuilder = new JsonObjectBuilder(3);
            if (details.CatchIndex is { } catchIndex)
            {
                detailBuilder.Set("catchIndex", JsonValue.From(catchIndex));
            }

            if (details.RetryIndex is { } retryIndex)
            {
                detailBuilder.Set("retryIndex", JsonValue.From(retryIndex));
            }

            if (details.RetryBackoffIntervalSeconds is { } backoff)
            {
                detailBuilder.Set("retryBackoffIntervalSeconds", JsonValue.From(backoff));
            }

            builder.Set("errorDetails", detailBuilder.Build());
        }

        if (data.MaxConcurrency is { } maxConcurrency)
        {
            builder.Set("maxConcurrency", JsonValue.From(maxConcurrency));
        }

        if (data.ToleratedFailureCount is { } count)
        {
            builder.Set("toleratedFailureCount", JsonValue.From(count));
        }

        if (data.ToleratedFailurePercentage is { } percentage)
        {
            builder.Set("toleratedFailurePercentage", JsonValue.From(percentage));
        }

        return builder.Build();
    }

    private static TestStateMock? Mock(JsonObject root)
    {
        if (ObjectAt(root, "mock", "/mock", MockFields) is not { } mock)
        {
            return null;
        }

        TestStateMockError? errorOutput = null;
        if (ObjectAt(mock, "errorOutput", "/mock/errorOutput", ErrorOutputFields) is { } error)
        {
            errorOutput = new TestStateMockError { Error = Text(error, "error", "/mock/errorOutput"), Cause = Text(error, "cause", "/mock/errorOutput") };
        }

        return new TestStateMock
        {
            Result = JsonText(mock, "result", "/mock"),
            ErrorOutput = errorOutput,
            FieldValidationMode = Text(mock, "fieldValidationMode", "/mock") is { } mode
                ? ParseEnum<TestStateFieldValidationMode>(mode, "/mock/fieldValidationMode", "[STRICT, PRESENT, NONE]")
                : null,
        };
    }

    private static TestStateConfiguration? Configuration(JsonObject root)
    {
        const string at = "/stateConfiguration";
        return ObjectAt(root, "stateConfiguration", at, ConfigurationFields) is not { } configuration
            ? null
            : new TestStateConfiguration
            {
                RetrierRetryCount = Integer(configuration, "retrierRetryCount", at),
                ErrorCausedByState = Text(configuration, "errorCausedByState", at),
                MapIterationFailureCount = Integer(configuration, "mapIterationFailureCount", at),
                MapItemReaderData = JsonText(configuration, "mapItemReaderData", at),
            };
    }

    private static JsonObject? ObjectAt(JsonValue value, string pointer, string[] fields)
    {
        if (value is not JsonObject obj)
        {
            return null;
        }

        foreach (var key in obj.Keys)
        {
            if (!fields.Contains(key, StringComparer.Ordinal))
            {
                throw Invalid(JsonPointer.Append(pointer, key), $"is not a field of the request (expected one of: {string.Join(", ", fields)})");
            }
        }

        return obj;
    }

    private static JsonObject? ObjectAt(JsonObject parent, string name, string pointer, string[] fields)
    {
        if (!parent.TryGetValue(name, out var value) || value is JsonNull)
        {
            return null;
        }

        return ObjectAt(value, pointer, fields) ?? throw Invalid(pointer, $"must be a JSON object, but it is {value.KindName}");
    }

    private static string? Text(JsonObject parent, string name, string at)
    {
        if (!parent.TryGetValue(name, out var value) || value is JsonNull)
        {
            return null;
        }

        return value is JsonString text ? text.Value : throw Invalid(JsonPointer.Append(at, name), $"must be a string, but it is {value.KindName}");
    }

    /// <summary>A JSON-text field: a string as the API takes it, or a JSON value taken as its own text.</summary>
    private static string? JsonText(JsonObject parent, string name, string at) =>
        !parent.TryGetValue(name, out var value) || value is JsonNull ? null : value is JsonString text ? text.Value : value.ToJsonString();

    private static bool Bool(JsonObject parent, string name, string at)
    {
        if (!parent.TryGetValue(name, out var value) || value is JsonNull)
        {
            return false;
        }

        return value is JsonBool flag ? flag.Value : throw Invalid(JsonPointer.Append(at, name), $"must be a boolean, but it is {value.KindName}");
    }

    private static int? Integer(JsonObject parent, string name, string at)
    {
        if (!parent.TryGetValue(name, out var value) || value is JsonNull)
        {
            return null;
        }

        return value is JsonNumber number && number.TryGetInt64(out var integer) && integer is >= int.MinValue and <= int.MaxValue
            ? (int)integer
            : throw Invalid(JsonPointer.Append(at, name), $"must be an integer, but it is {value.ToJsonString()}");
    }

    private static T ParseEnum<T>(string text, string pointer, string allowed)
        where T : struct, Enum =>
        text.Length > 0 && text.All(char.IsAsciiLetterUpper) && Enum.TryParse<T>(text, ignoreCase: true, out var value)
            ? value
            : throw TestStateErrors.Validation(
                string.Create(CultureInfo.InvariantCulture, $"1 validation error detected: Value '{text}' at '{pointer}' failed to satisfy constraint: Member must satisfy enum value set: {allowed}"));

    private static ExecutionApiException Invalid(string pointer, string problem) =>
        TestStateErrors.Validation($"1 validation error detected: Value at '{(pointer.Length == 0 ? "/" : pointer)}' {problem}");
}
