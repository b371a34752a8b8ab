using System.Text;
using StepFlow.Definition;
using StepFlow.Execution;
using StepFlow.Json;
using StepFlow.Parsing;
using StepFlow.Parsing.Validation;
using StepFlow.Persistence;
using StepFlow.Service;
using StepFlow.Tasks;
using StepFlow.Tests.Support;
using static StepFlow.Tests.Integrations.Http.HttpTaskTestHost;

namespace StepFlow.Tests.Robustness;

/// <summary>
/// Text that is not Unicode (a lone surrogate, invalid UTF-8) is refused where it enters, with the error AWS gives
/// there and the place named; definition size is counted in UTF-8 bytes.
/// </summary>
public sealed class InvalidUnicodeTests
{
    private const string MachineArn = "arn:aws:states:us-east-1:123456789012:stateMachine:Text";
    private const string EscapedLoneSurrogate = """{"StartAt":"P","States":{"P":{"Type":"Pass","Result":"\ud800","End":true}}}""";

    [Fact]
    public void TryParse_DefinitionWithAnEscapedLoneSurrogate_ReturnsFalseWithInvalidJson()
    {
        StateMachine.TryParse(EscapedLoneSurrogate, out _, out var diagnostics).Should().BeFalse();

        var error = diagnostics.Should().ContainSingle().Subject;
        error.Code.Should().Be(DiagnosticCodes.InvalidJsonDescription);
        error.Message.Should().Contain("not valid Unicode");
        (error.Line, error.Position).Should().Be((1L, 54L));
        DefinitionValidator.Validate(EscapedLoneSurrogate).Should().ContainSingle().Which.Code.Should().Be(DiagnosticCodes.InvalidJsonDescription);
    }

    [Fact]
    public void TryParse_DefinitionWithARawLoneSurrogate_ReturnsFalseWithInvalidJson()
    {
        var definition = "{\"StartAt\":\"P\",\"States\":{\"P\":{\"Type\":\"Pass\",\n\"Result\":\"x\udc00\",\"End\":true}}}";

        StateMachine.TryParse(definition, out _, out var diagnostics).Should().BeFalse();

        var error = diagnostics.Should().ContainSingle().Subject;
        error.Code.Should().Be(DiagnosticCodes.InvalidJsonDescription);
        error.Message.Should().Contain("unpaired surrogate (U+DC00)");
        (error.Line, error.Position).Should().Be((2L, 12L));
    }

    [Fact]
    public async Task StartExecution_InputWithALoneSurrogate_IsInvalidExecutionInputNamingThePlace()
    {
        await using var engine = StepFlowEngine.CreateBuilder().AddStateMachine("Text", StateMachine.Parse(Pass)).Build();
        var input = JsonObject.Create(("a", JsonArray.Create([JsonValue.From("ok"), JsonValue.From("bad \ud800")])));

        var act = async () => await engine.StartExecutionAsync(MachineArn, input);

        var error = (await act.Should().ThrowAsync<ExecutionApiException>()).Which;
        error.ErrorCode.Should().Be(ExecutionApiErrorCodes.InvalidExecutionInput);
        error.Message.Should().Contain("'/a/1'").And.Contain("U+D800");
    }

    [Fact]
    public async Task ExecuteAsync_InputWithALoneSurrogateInAName_IsInvalidExecutionInput()
    {
        var engine = StepFlowEngine.CreateBuilder().Build();

        var act = () => engine.ExecuteAsync(StateMachine.Parse(Pass), JsonObject.Create(("k\udfff", JsonValue.Null)));

        (await act.Should().ThrowAsync<ExecutionApiException>().WithMessage("*member name at '/k*U+DFFF*"))
            .Which.ErrorCode.Should().Be(ExecutionApiErrorCodes.InvalidExecutionInput);
    }

    [Fact]
    public async Task SendTaskSuccess_OutputWithALoneSurrogate_IsInvalidOutput()
    {
        await using var engine = StepFlowEngine.CreateBuilder().Build();

        var text = async () => await engine.SendTaskSuccessAsync("any-token", """{"a":"\ud800"}""");
        var value = async () => await engine.SendTaskSuccessAsync("any-token", JsonValue.From("\ud800"));

        var fromText = (await text.Should().ThrowAsync<TaskApiException>()).Which;
        fromText.ErrorCode.Should().Be(TaskApiErrorCodes.InvalidOutput);
        fromText.Message.Should().Contain("not valid Unicode");
        (await value.Should().ThrowAsync<TaskApiException>()).Which.ErrorCode.Should().Be(TaskApiErrorCodes.InvalidOutput);
    }

    [Fact]
    public async Task HttpTask_JsonBodyWithALoneSurrogate_KeepsTheBodyAsTextLikeAnyUnparsableBody()
    {
        const string body = """{"a":"\ud800"}""";
        await using var server = new LoopbackHttpServer(_ => CannedResponse.Json(body));

        var result = await RunAsync(Machine(Target(server)));

        result.Status.Should().Be(ExecutionStatus.Succeeded, result.Cause);
        ((JsonObject)result.Output!)["ResponseBody"].Should().Be(JsonValue.From(body));
    }

    [Fact]
    public void DefinitionSize_IsCountedInUtf8Bytes()
    {
        // 600,000 characters but 1,200,000+ bytes of UTF-8: over AWS's 1 MB.
        var large = Commented(new string('é', 600_000));
        var fits = Commented(new string('é', (StateMachine.MaxDefinitionLength - Commented(string.Empty).Length) / 2));

        StateMachine.TryParse(large, out _, out var diagnostics).Should().BeFalse();
        diagnostics.Should().ContainSingle().Which.Message.Should().Contain("larger than 1048576 bytes of UTF-8");
        DefinitionValidator.Validate(large).Should().ContainSingle().Which.Code.Should().Be(DiagnosticCodes.SchemaValidationFailed);
        Encoding.UTF8.GetByteCount(fits).Should().BeLessThanOrEqualTo(StateMachine.MaxDefinitionLength).And.BeGreaterThan(StateMachine.MaxDefinitionLength - 2);
        StateMachine.TryParse(fits, out _, out var none).Should().BeTrue(string.Join("; ", none));
    }

    [Fact]
    public async Task Cli_DefinitionWithALoneSurrogate_ExitsInvalidWithTheMessage()
    {
        using var file = new TempFile(Encoding.UTF8.GetBytes(EscapedLoneSurrogate));

        var (code, stdout, _) = await Cli("validate", file.Path);

        code.Should().Be(StepFlow.Cli.ExitCodes.Invalid);
        stdout.Should().Contain("INVALID_JSON_DESCRIPTION").And.Contain("not valid Unicode").And.Contain("line 1, position 54");
    }

    [Fact]
    public async Task Cli_DefinitionWithInvalidUtf8_ExitsInvalidNamingTheByte()
    {
        var bytes = Encoding.UTF8.GetBytes(Pass.Replace("\"Pass\",", "\"Pass\",\"Comment\":\"ab?\",", StringComparison.Ordinal));
        var at = Array.IndexOf(bytes, (byte)'?');
        bytes[at] = 0xC3;
        using var file = new TempFile(bytes);

        var (code, _, stderr) = await Cli("validate", file.Path);

        code.Should().Be(StepFlow.Cli.ExitCodes.Invalid);
        stderr.Should().Contain("is not valid UTF-8").And.Contain($"byte offset {at}");
    }

    [Fact]
    public async Task Cli_InputWithALoneSurrogate_ExitsInvalid()
    {
        using var definition = new TempFile(Encoding.UTF8.GetBytes(Pass));
        using var input = new TempFile("""{"a":"\udc00"}"""u8.ToArray());

        var (code, _, stderr) = await Cli("run", definition.Path, "--input", input.Path);

        code.Should().Be(StepFlow.Cli.ExitCodes.Invalid);
        stderr.Should().Contain("is not valid JSON").And.Contain("not valid Unicode");
    }

    [Fact]
    public async Task Cli_DefinitionWithAByteOrderMark_IsRead()
    {
        using var file = new TempFile([.. Encoding.UTF8.Preamble, .. Encoding.UTF8.GetBytes(Pass)]);

        var (code, stdout, _) = await Cli("validate", file.Path);

        code.Should().Be(StepFlow.Cli.ExitCodes.Success, stdout);
    }

    private const string Pass = """{"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}}""";

    private static string Commented(string comment) =>
        "{\"Comment\":\"" + comment + "\",\"StartAt\":\"P\",\"States\":{\"P\":{\"Type\":\"Pass\",\"End\":true}}}";

    private static async Task<(int Code, string Stdout, string Stderr)> Cli(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = await StepFlow.Cli.Program.RunAsync(args, stdout, stderr, CancellationToken.None);
        return (code, stdout.ToString(), stderr.ToString());
    }

    private sealed class TempFile : IDisposable
    {
        public TempFile(byte[] content)
        {
            Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"stepflow-{Guid.NewGuid():N}.json");
            File.WriteAllBytes(Path, content);
        }

        public string Path { get; }

        public void Dispose() => File.Delete(Path);
    }
}
