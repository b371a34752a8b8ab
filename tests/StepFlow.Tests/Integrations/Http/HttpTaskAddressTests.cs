using System.Net;
using StepFlow.Errors;
using StepFlow.Execution;
using StepFlow.Integrations.Http;
using StepFlow.Json;
using StepFlow.Persistence;
using StepFlow.Tests.Support;
using static StepFlow.Tests.Integrations.Http.HttpTaskTestHost;

namespace StepFlow.Tests.Integrations.Http;

/// <summary>The HTTP Task calls public addresses only, unless the host allows private networks (no SSRF into the host's own network).</summary>
public sealed class HttpTaskAddressTests
{
    private static readonly HttpTaskOptions Default = new();

    [Theory]
    [InlineData("http://127.0.0.1:9/items")]
    [InlineData("http://localhost:9/items")]
    [InlineData("http://[::1]:9/items")]
    [InlineData("http://169.254.169.254/latest/meta-data/")]
    [InlineData("http://10.1.2.3/")]
    [InlineData("http://192.168.0.10/")]
    [InlineData("http://172.20.0.1/")]
    [InlineData("http://0.0.0.0/")]
    [InlineData("http://[fe80::1]/")]
    [InlineData("http://[::ffff:127.0.0.1]/")]
    public async Task NonPublicEndpoint_IsRefusedWithHttpSocket_BeforeAnythingIsSent(string endpoint)
    {
        var definition = Machine($"\"ApiEndpoint\": \"{endpoint}\", \"Method\": \"GET\", \"Authentication\": {{ \"ConnectionArn\": \"{ConnectionArn}\" }}");

        var result = await RunAsync(definition, options: Default);

        result.Status.Should().Be(ExecutionStatus.Failed);
        result.Error.Should().Be(StatesErrorNames.HttpSocket);
        result.Cause.Should().Contain("not public").And.Contain("AllowPrivateNetworks");
    }

    [Fact]
    public async Task LoopbackServer_IsNotCalled_UnlessTheHostAllowsPrivateNetworks()
    {
        var calls = 0;
        await using var server = new LoopbackHttpServer(_ =>
        {
            Interlocked.Increment(ref calls);
            return new CannedResponse(200, "OK", "application/json", "{}");
        });

        var refused = await RunAsync(Machine(Target(server)), options: Default);
        var allowed = await RunAsync(Machine(Target(server)), options: new HttpTaskOptions { AllowPrivateNetworks = true });

        refused.Error.Should().Be(StatesErrorNames.HttpSocket);
        allowed.Status.Should().Be(ExecutionStatus.Succeeded);
        Volatile.Read(ref calls).Should().Be(1);
    }

    [Fact]
    public async Task PublicOnlyHandler_RefusesToConnectToLoopback()
    {
        await using var server = new LoopbackHttpServer(_ => new CannedResponse(200, "OK", "application/json", "{}"));
        using var client = new HttpClient(HttpTaskHandlers.CreatePublicOnly());

        var act = () => client.GetAsync(new Uri(server.BaseAddress, "items"));

        (await act.Should().ThrowAsync<HttpRequestException>()).Which.Message.Should().Contain("not public");
    }

    [Theory]
    [InlineData("127.0.0.1", false)]
    [InlineData("127.255.0.1", false)]
    [InlineData("169.254.169.254", false)]
    [InlineData("100.64.0.1", false)]
    [InlineData("198.18.0.1", false)]
    [InlineData("224.0.0.1", false)]
    [InlineData("255.255.255.255", false)]
    [InlineData("::", false)]
    [InlineData("fc00::1", false)]
    [InlineData("fd12:3456::1", false)]
    [InlineData("ff02::1", false)]
    [InlineData("64:ff9b::a9fe:a9fe", false)]
    [InlineData("2002:7f00:1::", false)]
    [InlineData("93.184.216.34", true)]
    [InlineData("172.32.0.1", true)]
    [InlineData("100.128.0.1", true)]
    [InlineData("2606:2800:220:1:248:1893:25c8:1946", true)]
    [InlineData("::ffff:93.184.216.34", true)]
    public void IsPublic_KnowsTheRanges(string address, bool expected) =>
        HttpAddressPolicy.IsPublic(IPAddress.Parse(address)).Should().Be(expected);
}
