using StepFlow.Integrations.Http;

namespace StepFlow.Tests.Integrations.Http;

public sealed class HttpConnectionAuthorizationTests
{
    private static KeyValuePair<string, string> Pair(string key, string value) => new(key, value);

    [Fact]
    public void Basic_EncodesUserAndPasswordAsUtf8Base64()
    {
        var authorization = HttpConnectionAuthorization.Basic("Aladdin", "open sesame");

        authorization.Headers.Should().Equal([Pair("Authorization", "Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==")]);
    }

    [Fact]
    public void With_ReturnsACopyAndLeavesTheOriginalUnchanged()
    {
        var original = HttpConnectionAuthorization.Bearer("t");

        var copy = original.WithQueryParameter("a", "1").WithBodyParameter("b", "2").WithHeader("X-C", "3");

        original.Headers.Should().HaveCount(1);
        original.QueryParameters.Should().BeEmpty();
        copy.Headers.Should().Equal([Pair("Authorization", "Bearer t"), Pair("X-C", "3")]);
        copy.QueryParameters.Should().Equal([Pair("a", "1")]);
        copy.BodyParameters.Should().Equal([Pair("b", "2")]);
    }

    [Fact]
    public void EmptyNames_AreRejected()
    {
        var act = () => HttpConnectionAuthorization.None.WithHeader("", "v");

        act.Should().Throw<ArgumentException>();
    }

    [Fact]
    public async Task StaticProvider_ReturnsTheAuthorizationOrNull()
    {
        var key = HttpConnectionAuthorization.ApiKey("x-api-key", "k");
        var provider = new StaticHttpConnectionProvider([new KeyValuePair<string, HttpConnectionAuthorization>("arn:a", key)]);

        (await provider.GetAuthorizationAsync("arn:a", CancellationToken.None)).Should().BeSameAs(key);
        (await provider.GetAuthorizationAsync("arn:b", CancellationToken.None)).Should().BeNull();
    }

    [Fact]
    public void AddHttpTask_WithBadOptions_Throws()
    {
        using var client = new HttpClient();
        var builder = StepFlowEngine.CreateBuilder();

        var act = () => builder.AddHttpTask(client, HttpTaskTestHost.OpenConnection, new HttpTaskOptions { RequestTimeout = TimeSpan.Zero });

        act.Should().Throw<ArgumentOutOfRangeException>();
    }
}
