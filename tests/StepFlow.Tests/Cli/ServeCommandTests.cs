using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using StepFlow.Cli;

namespace StepFlow.Tests.Cli;

/// <summary><c>stepflow serve</c>: the Step Functions API on a port, in memory or on a SQLite file, until cancelled.</summary>
public sealed partial class ServeCommandTests
{
    private const string Definition = """{"StartAt":"P","States":{"P":{"Type":"Pass","Result":"done","End":true}}}""";

    [Fact]
    public async Task Serve_SqliteStore_AnswersTheApi_AndARestartKeepsTheExecutions()
    {
        var file = Path.Combine(Path.GetTempPath(), $"stepflow-serve-{Guid.NewGuid():N}.db");
        try
        {
            string executionArn;
            await using (var first = await Served.StartAsync(["--port", "0", "--store", "sqlite:" + file]))
            {
                await first.CallAsync("CreateStateMachine", new { name = "Orders", definition = Definition, roleArn = "arn:aws:iam::123456789012:role/r" });
                var started = await first.CallAsync("StartExecution", new { stateMachineArn = "arn:aws:states:us-east-1:123456789012:stateMachine:Orders" });
                executionArn = started.GetProperty("executionArn").GetString()!;
                await first.WaitForStatusAsync(executionArn, "SUCCEEDED");
            }

            await using var second = await Served.StartAsync(["--port", "0", "--store", "sqlite:" + file]);
            var described = await second.CallAsync("DescribeExecution", new { executionArn });

            described.GetProperty("status").GetString().Should().Be("SUCCEEDED");
            described.GetProperty("output").GetString().Should().Be("\"done\"");
        }
        finally
        {
            foreach (var path in Directory.GetFiles(Path.GetTempPath(), Path.GetFileName(file) + "*"))
            {
                File.Delete(path);
            }
        }
    }

    [Theory]
    [InlineData("--store", "postgres:x", "--store takes 'memory' or 'sqlite:<file>', not 'postgres:x'.")]
    [InlineData("--port", "70000", "--port takes a port number from 0 to 65535, not '70000'.")]
    public async Task Serve_BadOption_IsAUsageError(string option, string value, string message)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();

        var code = await Program.RunAsync(["serve", option, value], stdout, stderr, CancellationToken.None);

        code.Should().Be(ExitCodes.Usage);
        stderr.ToString().Should().StartWith(message);
    }

    [GeneratedRegex(@"API at (?<url>http://\S+?)/ ")]
    private static partial Regex Address();

    /// <summary>A <c>stepflow serve</c> run in the test process, stopped by cancelling it.</summary>
    private sealed class Served : IAsyncDisposable
    {
        private readonly CancellationTokenSource _stop;
        private readonly Task<int> _run;
        private readonly HttpClient _client;

        private Served(CancellationTokenSource stop, Task<int> run, HttpClient client)
        {
            _stop = stop;
            _run = run;
            _client = client;
        }

        public static async Task<Served> StartAsync(string[] options)
        {
            var stop = new CancellationTokenSource();
            var text = new StringWriter();
            var stdout = TextWriter.Synchronized(text);
            var run = Program.RunAsync(["serve", .. options], stdout, TextWriter.Null, stop.Token);
            var deadline = DateTime.UtcNow.AddSeconds(30);
            Match match;
            while (!(match = Address().Match(Read(text, stdout))).Success)
            {
                if (run.IsCompleted || DateTime.UtcNow > deadline)
                {
                    throw new InvalidOperationException("stepflow serve did not start: " + Read(text, stdout) + (run.IsFaulted ? run.Exception!.ToString() : string.Empty));
                }

                await Task.Delay(20);
            }

            return new Served(stop, run, new HttpClient { BaseAddress = new Uri(match.Groups["url"].Value) });
        }

        /// <summary>What the run printed so far (its writer locks itself while writing).</summary>
        private static string Read(StringWriter text, TextWriter synchronized)
        {
            lock (synchronized)
            {
                return text.ToString();
            }
        }

        public async Task<JsonElement> CallAsync(string operation, object request)
        {
            using var message = new HttpRequestMessage(HttpMethod.Post, "/") { Content = new StringContent(JsonSerializer.Serialize(request), Encoding.UTF8) };
            message.Content.Headers.ContentType = new MediaTypeHeaderValue("application/x-amz-json-1.0");
            message.Headers.Add("X-Amz-Target", "AWSStepFunctions." + operation);
            using var response = await _client.SendAsync(message);
            var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
            response.IsSuccessStatusCode.Should().BeTrue(body.ToString());
            return body;
        }

        public async Task WaitForStatusAsync(string executionArn, string status)
        {
            for (var i = 0; i < 500; i++)
            {
                if ((await CallAsync("DescribeExecution", new { executionArn })).GetProperty("status").GetString() == status)
                {
                    return;
                }

                await Task.Delay(10);
            }

            throw new TimeoutException($"{executionArn} never reached {status}.");
        }

        public async ValueTask DisposeAsync()
        {
            _client.Dispose();
            await _stop.CancelAsync();
            (await _run).Should().Be(ExitCodes.Success);
            _stop.Dispose();
        }
    }
}
