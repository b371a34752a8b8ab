using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using StepFlow.Hosting;

namespace StepFlow.Hosting.Tests;

/// <summary>Generic hosts for the tests: configuration from a dictionary, StepFlow added with a test's registrations.</summary>
internal static class TestHosts
{
    public const string Account = "123456789012";

    public static string MachineArn(string name) => $"arn:aws:states:us-east-1:{Account}:stateMachine:{name}";

    public static IHost Build(
        IDictionary<string, string?> settings,
        Action<StepFlowBuilder> stepFlow,
        Action<IServiceCollection>? services = null,
        TimeSpan? shutdownTimeout = null)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = shutdownTimeout ?? TimeSpan.FromSeconds(5));
        builder.Services.AddLogging();
        builder.Services.AddStepFlow(stepFlow);
        services?.Invoke(builder.Services);
        return builder.Build();
    }

    public static CancellationToken Bounded(int seconds = 60) => new CancellationTokenSource(TimeSpan.FromSeconds(seconds)).Token;

    public static async Task Eventually(Func<bool> condition, string what, int seconds = 30)
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();
        while (!condition())
        {
            if (watch.Elapsed > TimeSpan.FromSeconds(seconds))
            {
                throw new TimeoutException($"Not reached within {seconds} s: {what}");
            }

            await Task.Delay(10);
        }
    }
}
