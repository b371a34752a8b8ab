using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using StepFlow.Json;

namespace StepFlow.Samples.HttpCall;

/// <summary>
/// The sample's "remote" API, served by <see cref="HttpListener"/> on 127.0.0.1: customers, orders and receipts,
/// guarded by an <c>x-api-key</c> header. The first customer lookup answers 503 so the definition's Retry shows.
/// </summary>
internal sealed class ShopApi : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly string _apiKey;
    private readonly ConcurrentQueue<string> _log = new();
    private readonly Task _loop;
    private int _customerLookups;

    private ShopApi(string apiKey, int port)
    {
        _apiKey = apiKey;
        BaseUrl = $"http://127.0.0.1:{port}";
        _listener.Prefixes.Add(BaseUrl + "/");
        _listener.Start();
        _loop = Task.Run(ServeAsync);
    }

    /// <summary>The API's root URL, without a trailing slash.</summary>
    public string BaseUrl { get; }

    /// <summary>One line per request: method, target, status.</summary>
    public IEnumerable<string> Log => _log;

    public static ShopApi Start(string apiKey)
    {
        // HttpListener cannot bind port 0, so take a free port from the OS first.
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return new ShopApi(apiKey, port);
    }

    public void Dispose()
    {
        _listener.Close();
        try
        {
            _loop.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
        }
    }

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            await AnswerAsync(context);
        }
    }

    private async Task AnswerAsync(HttpListenerContext context)
    {
        var request = context.Request;
        string body;
        using (var reader = new StreamReader(request.InputStream, Encoding.UTF8))
        {
            body = await reader.ReadToEndAsync();
        }

        var (status, contentType, text) = Route(request.HttpMethod, request.Url!.AbsolutePath, request.Headers["x-api-key"], body);
        _log.Enqueue($"{request.HttpMethod} {request.RawUrl} -> {status}");
        var bytes = Encoding.UTF8.GetBytes(text);
        context.Response.StatusCode = status;
        context.Response.ContentType = contentType;
        context.Response.ContentLength64 = bytes.Length;
        await context.Response.OutputStream.WriteAsync(bytes);
        context.Response.Close();
    }

    private (int Status, string ContentType, string Body) Route(string method, string path, string? apiKey, string body)
    {
        const string Json = "application/json";
        if (apiKey != _apiKey)
        {
            return (401, Json, """{"message":"missing or wrong x-api-key"}""");
        }

        var segments = path.Trim('/').Split('/');
        switch (method, segments)
        {
            case ("GET", ["customers", var id]):
                if (Interlocked.Increment(ref _customerLookups) == 1)
                {
                    return (503, Json, """{"message":"warming up, try again"}""");
                }

                return id == "42"
                    ? (200, Json, """{"id":"42","name":"Ada Lovelace","tier":"gold"}""")
                    : (404, Json, $$"""{"message":"no customer {{id}}"}""");
            case ("POST", ["orders"]):
                var order = (JsonObject)JsonValue.Parse(body);
                var lines = ((JsonArray)order["items"]).Count;
                return (201, Json, $$"""{"orderId":"ord-1001","lines":{{lines}}}""");
            case ("POST", ["receipts"]):
                var form = body.Split('&').Select(pair => pair.Split('=', 2)).Select(p => (Name: Uri.UnescapeDataString(p[0]), Value: Uri.UnescapeDataString(p[1]))).ToList();
                var skus = string.Join(", ", form.Where(p => p.Name == "skus[]").Select(p => p.Value));
                var to = form.Single(p => p.Name == "to").Value;
                var orderId = form.Single(p => p.Name == "order").Value;
                return (200, "text/plain; charset=utf-8", $"Receipt for {orderId} ({skus}) sent to {to}.");
            default:
                return (404, Json, """{"message":"no such route"}""");
        }
    }
}
