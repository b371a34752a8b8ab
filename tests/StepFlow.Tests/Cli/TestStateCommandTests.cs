using StepFlow.Cli;

namespace StepFlow.Tests.Cli;

/// <summary><c>stepflow test-state</c>: AWS's response JSON and exit 0, or the error code and message and exit 1.</summary>
public sealed class TestStateCommandTests
{
    [Fact]
    public async Task TestState_InlineRequest_PrintsTheResponse()
    {
        var (code, stdout, _) = await RunAsync("""{"definition":"{\"Type\":\"Pass\",\"Result\":1,\"Next\":\"B\"}","inspectionLevel":"DEBUG"}""");

        code.Should().Be(ExitCodes.Success);
        stdout.Trim().Should().Be("""{"inspectionData":{"input":"{}","result":"1","afterResultSelector":"1","afterResultPath":"1"},"nextState":"B","output":"1","status":"SUCCEEDED"}""");
    }

    [Fact]
    public async Task TestState_RequestFile_IsRead()
    {
        var path = Path.Combine(Path.GetTempPath(), $"teststate-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(path, """{"definition":"{\"Type\":\"Fail\",\"Error\":\"E\",\"Cause\":\"C\"}"}""");
        try
        {
            var (code, stdout, _) = await RunAsync(path);

            code.Should().Be(ExitCodes.Success);
            stdout.Trim().Should().Be("""{"cause":"C","error":"E","status":"FAILED"}""");
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task TestState_RefusedRequest_PrintsCodeAndMessage_AndExits1()
    {
        var (code, _, stderr) = await RunAsync("""{"definition":"{\"Type\":\"Pass\",\"End\":true}","mock":{"result":"{}"}}""");

        code.Should().Be(ExitCodes.ExecutionFailed);
        stderr.Trim().Should().Be("ValidationException: State type 'Pass' is not supported when a mock is specified");
    }

    private static async Task<(int Code, string Stdout, string Stderr)> RunAsync(string request)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = await Program.RunAsync(["test-state", request], stdout, stderr, CancellationToken.None);
        return (code, stdout.ToString(), stderr.ToString());
    }
}
