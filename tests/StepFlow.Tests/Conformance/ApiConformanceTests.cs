using StepFlow.Conformance;
using StepFlow.Conformance.Api;
using StepFlow.Conformance.Asl;
using StepFlow.Tests.Support;

namespace StepFlow.Tests.Conformance;

/// <summary>
/// Replays every recorded Step Functions API case under ../shared/conformance-api against StepFlow.Server (in process,
/// on a loopback port, a fresh engine per case) as its own test. A case on api-known-failures.txt must still fail;
/// every other case must match AWS's answers call for call.
/// </summary>
public sealed class ApiConformanceTests : IClassFixture<ApiConformanceTests.Endpoint>
{
    private const string AbsentMarker = "(shared folder absent)";

    private static readonly Lazy<FailureList> KnownFailureList = new(() =>
        FailureList.Load(Path.Combine(AppContext.BaseDirectory, "Conformance", "api-known-failures.txt")));

    private readonly Endpoint _endpoint;

    public ApiConformanceTests(Endpoint endpoint) => _endpoint = endpoint;

    public static TheoryData<string> Cases()
    {
        var data = new TheoryData<string>();
        var folder = SharedFolder.Find("conformance-api");
        if (folder is null)
        {
            // The theory is skipped then (SharedSuiteTheory); one row keeps xunit from complaining about no data.
            data.Add(AbsentMarker);
            return data;
        }

        foreach (var file in ApiCase.FindCaseFiles(folder))
        {
            data.Add(Path.GetRelativePath(folder, file).Replace('\\', '/'));
        }

        return data;
    }

    [SharedSuiteTheory]
    [MemberData(nameof(Cases))]
    public async Task Case_MatchesTheRecording(string relativePath)
    {
        var folder = SharedFolder.Find("conformance-api");
        folder.Should().NotBeNull(SharedFolder.MissingMessage);
        var testCase = ApiCase.Load(Path.Combine(folder!, relativePath));

        var result = await _endpoint.RunAsync(testCase);

        if (KnownFailureList.Value.Contains(testCase.Name, out var reason))
        {
            result.Passed.Should().BeFalse($"'{testCase.Name}' is on api-known-failures.txt ({reason}) but now passes: remove it from the list");
        }
        else
        {
            result.Passed.Should().BeTrue($"{testCase.Name}: {result.Message}");
        }
    }

    [SharedSuiteFact]
    public void KnownFailures_NameOnlyExistingCases_EachWithAReason()
    {
        var folder = SharedFolder.Find("conformance-api");
        folder.Should().NotBeNull(SharedFolder.MissingMessage);
        var names = ApiCase.FindCaseFiles(folder!).Select(f => ApiCase.Load(f).Name).ToHashSet(StringComparer.Ordinal);

        KnownFailureList.Value.Names.Where(n => !names.Contains(n)).Should().BeEmpty("every listed case must exist");
        KnownFailureList.Value.Names.Where(n => !KnownFailureList.Value.Contains(n, out var r) || r.Length == 0).Should().BeEmpty("every entry needs a reason");
    }

    /// <summary>One in-process endpoint for the class; the cases run one after another, each on a fresh engine.</summary>
    public sealed class Endpoint : IAsyncLifetime
    {
        private readonly SemaphoreSlim _gate = new(1, 1);
        private InProcessEndpoint? _endpoint;
        private HttpClient? _client;

        public async Task InitializeAsync()
        {
            if (SharedFolder.Find("conformance-api") is not null)
            {
                _endpoint = await InProcessEndpoint.StartAsync(CancellationToken.None);
                _client = new HttpClient { BaseAddress = _endpoint.Address };
            }
        }

        public async Task<ApiCaseResult> RunAsync(ApiCase testCase)
        {
            await _gate.WaitAsync();
            try
            {
                await _endpoint!.ResetAsync();
                return await new ApiCaseRunner(_client!).RunAsync(testCase, CancellationToken.None);
            }
            finally
            {
                _gate.Release();
            }
        }

        public async Task DisposeAsync()
        {
            _client?.Dispose();
            if (_endpoint is not null)
            {
                await _endpoint.DisposeAsync();
            }

            _gate.Dispose();
        }
    }
}
