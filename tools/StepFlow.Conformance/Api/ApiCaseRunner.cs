using System.Collections.Immutable;
using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using StepFlow.Json;

namespace StepFlow.Conformance.Api;

/// <summary>The result of one API case.</summary>
/// <param name="Name">The case name.</param>
/// <param name="Features">The case's tags.</param>
/// <param name="Passed">Every call matched its recording.</param>
/// <param name="Message">The first difference, or null.</param>
/// <param name="Elapsed">Wall-clock time the case took.</param>
public sealed record ApiCaseResult(string Name, ImmutableArray<string> Features, bool Passed, string? Message, TimeSpan Elapsed);

/// <summary>
/// Replays a case's calls in order against a Step Functions endpoint over HTTP (AWS JSON 1.0): references resolved
/// from earlier responses, <c>WaitFor</c> polled, each answer compared by <see cref="ApiComparator"/>.
/// </summary>
public sealed class ApiCaseRunner(HttpClient client)
{
    /// <summary>The longest a <c>WaitFor</c> polls.</summary>
    public TimeSpan WaitTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Runs a case; the first call that does not match ends it.</summary>
    public async Task<ApiCaseResult> RunAsync(ApiCase testCase, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(testCase);
        var watch = Stopwatch.StartNew();
        string? difference;
        try
        {
            difference = await ReplayAsync(testCase, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            difference = $"unexpected {e.GetType().Name}: {e.Message}";
        }

        return new ApiCaseResult(testCase.Name, testCase.Features, difference is null, difference, watch.Elapsed);
    }

    private async Task<string?> ReplayAsync(ApiCase testCase, CancellationToken cancellationToken)
    {
        var responses = new List<JsonValue?>();
        for (var i = 0; i < testCase.Calls.Length; i++)
        {
            var call = testCase.Calls[i];
            var request = ApiReferences.Resolve(call.Request.ToJsonString(), responses, escapeForJson: true);
            if (call.Operation == "WaitFor")
            {
                responses.Add(null);
                if (await WaitAsync(call.Condition, (JsonObject)JsonValue.Parse(request), cancellationToken).ConfigureAwait(false) is { } timeout)
                {
                    return $"call {i} (WaitFor {call.Condition}): {timeout}";
                }

                continue;
            }

            var (ok, body) = await SendAsync(call.Operation, request, cancellationToken).ConfigureAwait(false);
            responses.Add(ok ? body : null);
            var bindings = testCase.Bindings.Select(b => KeyValuePair.Create(b.Key, TryResolve(b.Value, responses))).ToList();
            var comparator = new ApiComparator(testCase, bindings);
            var where = $"call {i} ({call.Operation})";
            if (!ok)
            {
                var type = body is JsonObject e && e.TryGetValue("__type", out var t) && t is JsonString ts ? ts.Value : "?";
                var message = body is JsonObject e2 && e2.TryGetValue("message", out var m) && m is JsonString msg ? msg.Value : string.Empty;
                if (!call.Raises)
                {
                    return $"{where}: AWS answered it, StepFlow refused it: {type}: {message}";
                }

                if (call.Expected is JsonObject expected && expected.TryGetValue("exception", out var exception) && exception is JsonObject recorded &&
                    comparator.CompareError(recorded, type, message) is { } errorDifference)
                {
                    return $"{where}: {errorDifference}";
                }

                continue;
            }

            if (call.Raises)
            {
                return $"{where}: AWS refused it, StepFlow answered {body.ToJsonString()}";
            }

            if (call.Expected is { } recordedResponse && comparator.CompareResponse(recordedResponse, body) is { } responseDifference)
            {
                return $"{where}: {responseDifference}";
            }

            foreach (var subset in call.ExpectedSubset)
            {
                if (comparator.CompareSubset(subset, body) is { } subsetDifference)
                {
                    return $"{where}: {subsetDifference}";
                }
            }
        }

        return null;
    }

    private static string TryResolve(string value, IReadOnlyList<JsonValue?> responses)
    {
        try
        {
            return ApiReferences.Resolve(value, responses, escapeForJson: false);
        }
        catch (InvalidOperationException)
        {
            return value;
        }
    }

    private async Task<(bool Ok, JsonValue Body)> SendAsync(string operation, string body, CancellationToken cancellationToken)
    {
        using var message = new HttpRequestMessage(HttpMethod.Post, "/") { Content = new StringContent(body, Encoding.UTF8) };
        message.Content.Headers.ContentType = new MediaTypeHeaderValue("application/x-amz-json-1.0");
        message.Headers.TryAddWithoutValidation("X-Amz-Target", "AWSStepFunctions." + operation);
        using var response = await client.SendAsync(message, cancellationToken).ConfigureAwait(false);
        var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        return (response.IsSuccessStatusCode, text.Length == 0 ? JsonObject.Empty : JsonValue.Parse(text));
    }

    /// <summary>Polls a WaitFor condition; null when it held, else why not. Conditions on resources StepFlow cannot observe hold at once.</summary>
    private async Task<string?> WaitAsync(string? condition, JsonObject request, CancellationToken cancellationToken)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < WaitTimeout)
        {
            bool? holds = condition switch
            {
                "ExecutionSucceeded" or "ExecutionTerminated" or "ExecutionAborted" or "ExecutionListedTerminated" =>
                    await StatusAsync(request, cancellationToken).ConfigureAwait(false) is { } s && s != "RUNNING",
                "ExecutionListedWithStatus" =>
                    await StatusAsync(request, cancellationToken).ConfigureAwait(false) is { } s2 &&
                    request.TryGetValue("status", out var wanted) && wanted is JsonString w && s2 == w.Value,
                "ExecutionStarted" => await StatusAsync(request, cancellationToken).ConfigureAwait(false) is not null,
                _ => null,
            };
            if (holds is null or true)
            {
                return null;
            }

            await Task.Delay(20, cancellationToken).ConfigureAwait(false);
        }

        return $"did not hold within {WaitTimeout.TotalSeconds:0} s";
    }

    private async Task<string?> StatusAsync(JsonObject request, CancellationToken cancellationToken)
    {
        if (!request.TryGetValue("executionArn", out var arn) || arn is not JsonString)
        {
            return "UNKNOWN";
        }

        var (ok, body) = await SendAsync("DescribeExecution", JsonObject.Create(("executionArn", arn)).ToJsonString(), cancellationToken).ConfigureAwait(false);
        return ok && body is JsonObject o && o.TryGetValue("status", out var s) && s is JsonString status ? status.Value : null;
    }
}
