using StepFlow.Cli;

namespace StepFlow.Tests.Cli;

/// <summary>
/// The shipped <c>stepflow</c> tool holds the verbs a user runs definitions with; the conformance and benchmark verbs
/// live in the repository's developer tool (tools/StepFlow.DevTool) and its suite runners in tools/StepFlow.Conformance.
/// </summary>
public sealed class ShippedVerbsTests
{
    [Fact]
    public void Stepflow_Verbs_AreRunValidateTestAndTestState()
    {
        Program.Commands.Select(c => c.Name).Should().Equal("run", "validate", "test", "test-state");
    }

    [Theory]
    [InlineData("bench")]
    [InlineData("conformance")]
    public async Task RunAsync_DevelopmentVerb_IsAnUnknownCommand(string verb)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();

        var code = await Program.RunAsync([verb, "x"], stdout, stderr, CancellationToken.None);

        code.Should().Be(ExitCodes.Usage);
        stderr.ToString().Should().StartWith($"Unknown command '{verb}'.");
    }

    [Fact]
    public void StepflowAssembly_ReferencesNoDevelopmentProject()
    {
        var references = typeof(Program).Assembly.GetReferencedAssemblies().Select(a => a.Name);

        references.Should().NotContain(["StepFlow.Conformance", "StepFlow.DevTool", "StepFlow.Sqlite"]);
    }
}
