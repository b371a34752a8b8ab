using System.Net.Http.Headers;
using System.Text;
using StepFlow.Json;
using StepFlow.Tasks;

namespace StepFlow.Integrations.Http;

/// <summary>
/// Reads an HTTP Task's response into AWS's result shape: <c>Headers</c> (lower-case names, each an array of
/// values), <c>ResponseBody</c> (parsed JSON when the content type is JSON and the text parses, else the text;
/// absent when the body is empty), <c>StatusCode</c> and <c>StatusText</c>. A non-2xx status fails the task with
/// <c>States.Http.StatusCode.&lt;code&gt;</c>; binary content types and bodies that are not text fail it with
/// <c>States.Runtime</c>, as AWS does.
/// </summary>
internal static class HttpResponseReader
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static async Task<JsonObject> ReadAsync(
        TaskInvocation invocation,
        HttpResponseMessage response,
        int maxBodyBytes,
        HttpExchangeRecorder? recorder,
        CancellationToken cancellationToken)
    {
        var statusCode = (int)response.StatusCode;
        var statusText = response.ReasonPhrase ?? string.Empty;
        if (statusCode is < 200 or > 299)
        {
            if (recorder is not null)
            {
                var failedBody = await ReadBodyAsync(invocation, response.Content, maxBodyBytes, cancellationToken).ConfigureAwait(false);
                HttpExchangeTrace.RecordResponse(recorder, response, Encoding.UTF8.GetString(failedBody));
            }

            throw HttpTaskFailures.StatusCode(statusCode, statusText);
        }

        var mediaType = response.Content.Headers.ContentType?.MediaType?.ToLowerInvariant();
        if (mediaType is not null && IsBinary(mediaType))
        {
            throw HttpTaskFailures.Runtime(invocation, $"the response content type '{mediaType}' is not supported (binary, image, audio and video responses are not).");
        }

        var bytes = await ReadBodyAsync(invocation, response.Content, maxBodyBytes, cancellationToken).ConfigureAwait(false);
        string text;
        try
        {
            text = Decoding(response.Content.Headers.ContentType).GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            throw HttpTaskFailures.Runtime(invocation, "the response body is not valid text (binary responses are not supported).");
        }

        if (recorder is not null)
        {
            HttpExchangeTrace.RecordResponse(recorder, response, text);
        }

        var result = new JsonObjectBuilder(4).Set("Headers", ReadHeaders(response));
        if (text.Length > 0)
        {
            result.Set("ResponseBody", mediaType is not null && IsJson(mediaType) && TryParse(text, out var json) ? json : JsonValue.From(text));
        }

        return result
            .Set("StatusCode", JsonValue.From(statusCode))
            .Set("StatusText", JsonValue.From(statusText))
            .Build();
    }

    private static async Task<byte[]> ReadBodyAsync(TaskInvocation invocation, HttpContent content, int maxBodyBytes, CancellationToken cancellationToken)
    {
        var stream = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            using var buffer = new MemoryStream();
            var chunk = new byte[16 * 1024];
            int read;
            while ((read = await stream.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
            {
                if (buffer.Length + read > maxBodyBytes)
                {
                    throw new Errors.StatesErrorException(
                        Errors.StatesErrorNames.DataLimitExceeded,
                        $"The HTTP Task '{invocation.StateName}' failed: the response body is larger than {maxBodyBytes} bytes.");
                }

                buffer.Write(chunk, 0, read);
            }

            return buffer.ToArray();
        }
    }

    private static JsonObject ReadHeaders(HttpResponseMessage response)
    {
        var headers = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var order = new List<string>();
        foreach (var (name, values) in response.Headers.Concat(response.Content.Headers))
        {
            var key = name.ToLowerInvariant();
            if (!headers.TryGetValue(key, out var list))
            {
                headers[key] = list = [];
                order.Add(key);
            }

            list.AddRange(values);
        }

        var result = new JsonObjectBuilder(order.Count);
        foreach (var key in order)
        {
            result.Set(key, JsonArray.Create(headers[key].Select(v => (JsonValue)JsonValue.From(v))));
        }

        return result.Build();
    }

    private static Encoding Decoding(MediaTypeHeaderValue? contentType)
    {
        var charset = contentType?.CharSet?.Trim('"');
        if (string.IsNullOrEmpty(charset) || charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase) || charset.Equals("utf8", StringComparison.OrdinalIgnoreCase))
        {
            return StrictUtf8;
        }

        try
        {
            return Encoding.GetEncoding(charset, EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback);
        }
        catch (ArgumentException)
        {
            return StrictUtf8;
        }
    }

    private static bool IsBinary(string mediaType) =>
        mediaType == "application/octet-stream" ||
        mediaType.StartsWith("image/", StringComparison.Ordinal) ||
        mediaType.StartsWith("video/", StringComparison.Ordinal) ||
        mediaType.StartsWith("audio/", StringComparison.Ordinal);

    private static bool IsJson(string mediaType) =>
        mediaType == "application/json" || mediaType.EndsWith("+json", StringComparison.Ordinal);

    private static bool TryParse(string text, out JsonValue value)
    {
        try
        {
            value = JsonValue.Parse(text);
            return true;
        }
        catch (JsonParseException)
        {
            value = JsonValue.Null;
            return false;
        }
    }
}
