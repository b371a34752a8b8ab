// Runs definition.json against a small "shop" API that this program serves itself on a free loopback port,
// so the sample needs no setup: `dotnet run --project samples/http-call` (add `-- 7` for an unknown customer).
using StepFlow;
using StepFlow.Execution;
using StepFlow.Integrations.Http;
using StepFlow.Json;
using StepFlow.Parsing;
using StepFlow.Persistence;
using StepFlow.Samples.HttpCall;

const string ConnectionArn = "arn:aws:events:us-east-1:123456789012:connection/shop-api/6f1f8a52-3c1e-4d7a-9b55-0d2c7f1e9a10";
const string ApiKey = "demo-key";

using var api = ShopApi.Start(ApiKey);

// The host owns the secrets: the connection named in the definition resolves to an API key header.
var connections = new StaticHttpConnectionProvider(
[
    new KeyValuePair<string, HttpConnectionAuthorization>(ConnectionArn, HttpConnectionAuthorization.ApiKey("x-api-key", ApiKey)),
]);
using var httpClient = new HttpClient();
// The API runs on this machine (loopback), which the HTTP Task refuses unless the host allows private networks.
var engine = StepFlowEngine.CreateBuilder()
    .AddHttpTask(httpClient, connections, new HttpTaskOptions { AllowPrivateNetworks = true })
    .Build();

var folder = AppContext.BaseDirectory;
var machine = StateMachine.Parse(File.ReadAllText(Path.Combine(folder, "definition.json")));
var input = ((JsonObject)JsonValue.Parse(File.ReadAllText(Path.Combine(folder, "input.json"))))
    .SetItem("apiBase", JsonValue.From(api.BaseUrl));
if (args.Length > 0)
{
    input = input.SetItem("customerId", JsonValue.From(args[0]));
}

var result = await engine.ExecuteAsync(machine, input, new ExecutionOptions { ExecutionName = "http-call-sample" });

Console.WriteLine($"The API at {api.BaseUrl} answered:");
foreach (var line in api.Log)
{
    Console.WriteLine("  " + line);
}

Console.WriteLine();
Console.WriteLine($"Execution {result.Status}");
Console.WriteLine(result.Output?.ToIndentedJsonString() ?? $"{result.Error}: {result.Cause}");
return result.Status == ExecutionStatus.Succeeded ? 0 : 1;
