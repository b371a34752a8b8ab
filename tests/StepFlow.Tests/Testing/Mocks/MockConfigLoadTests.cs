using System.Text;
using StepFlow.Json;
using StepFlow.Testing.Mocks;

namespace StepFlow.Tests.Mocks;

public sealed class MockConfigLoadTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("stepflow-mockcfg-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Load_TheAwsExampleFileWithAByteOrderMark_Loads()
    {
        var path = Path.Combine(_dir, MockConfig.DefaultFileName);
        File.WriteAllText(path, AwsExampleMockConfig.Text, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true));

        var config = MockConfig.Load(path);

        config.GetTestCase("LambdaSQSIntegration", "RetryPath").Resolve("LambdaState", 3).Response.Should().BeOfType<MockReturn>();
    }

    [Fact]
    public void Load_MissingFile_ThrowsMockConfigExceptionNamingTheFile()
    {
        var path = Path.Combine(_dir, "nope.json");

        var act = () => MockConfig.Load(path);

        var thrown = act.Should().Throw<MockConfigException>().Which;
        thrown.Source.Should().Be(path);
        thrown.Errors.Should().ContainSingle().Which.Should().Be(new MockConfigError(MockConfigErrorCodes.FileNotReadable, "the file does not exist", ""));
        thrown.Message.Should().Be($"The mock configuration '{path}' has 1 error:\n  MockConfig.FileNotReadable at (root): the file does not exist");
    }

    [Fact]
    public void Load_ADirectory_ThrowsMockConfigExceptionSayingSo()
    {
        var act = () => MockConfig.Load(_dir);

        act.Should().Throw<MockConfigException>()
            .Which.Errors.Should().ContainSingle().Which.Message.Should().Be("the path is a directory, not a mock configuration file");
    }

    [Fact]
    public void Load_MalformedFile_ThrowsWithTheFileAndEveryError()
    {
        var path = Path.Combine(_dir, "bad.json");
        File.WriteAllText(path, """{"StateMachines":{"SM":{"TestCases":{"TC":{"S":"Nope"}}}},"MockedResponses":{"R":{"0":{"Retrun":1}}}}""");

        var act = () => MockConfig.Load(path);

        var thrown = act.Should().Throw<MockConfigException>().Which;
        thrown.Message.Should().StartWith($"The mock configuration '{path}' has 3 errors:");
        thrown.Errors.Select(e => e.Pointer).Should().Equal("/MockedResponses/R/0/Retrun", "/MockedResponses/R/0", "/StateMachines/SM/TestCases/TC/S");
    }

    [Fact]
    public void Load_EmptyFile_IsInvalidJson()
    {
        var path = Path.Combine(_dir, "empty.json");
        File.WriteAllBytes(path, []);

        var act = () => MockConfig.Load(path);

        act.Should().Throw<MockConfigException>().Which.Errors.Should().ContainSingle().Which.Code.Should().Be(MockConfigErrorCodes.InvalidJson);
    }

    [Fact]
    public void Load_NullOrEmptyPath_IsApiMisuse()
    {
        ((Action)(() => MockConfig.Load(null!))).Should().Throw<ArgumentNullException>();
        ((Action)(() => MockConfig.Load(""))).Should().Throw<ArgumentException>();
    }

    [Fact]
    public void FromEnvironment_VariableUnsetOrEmpty_IsNull()
    {
        MockConfig.FromEnvironment(_ => null).Should().BeNull();
        MockConfig.FromEnvironment(_ => "").Should().BeNull();
    }

    [Fact]
    public void FromEnvironment_VariableSet_LoadsTheFileItNames()
    {
        var path = Path.Combine(_dir, "EnvSpecifiedMockConfig.json");
        File.WriteAllText(path, AwsExampleMockConfig.Text);
        string? asked = null;

        var config = MockConfig.FromEnvironment(name => (asked = name) == "SFN_MOCK_CONFIG" ? path : null);

        asked.Should().Be("SFN_MOCK_CONFIG");
        config!.StateMachines.Should().ContainSingle().Which.Name.Should().Be("LambdaSQSIntegration");
    }

    [Fact]
    public void FromEnvironment_VariableNamesAMissingFile_Throws()
    {
        var path = Path.Combine(_dir, "missing.json");

        var act = () => MockConfig.FromEnvironment(_ => path);

        act.Should().Throw<MockConfigException>().Which.Source.Should().Be(path);
    }

    [Fact]
    public void Parse_DuplicateNamesInsideAReturnValue_AreTheServiceDataAndAllowed()
    {
        var config = MockConfig.Parse("""{"StateMachines":{},"MockedResponses":{"R":{"0":{"Return":{"a":1,"a":2,"b":[{"c":1,"c":2}]}}}}}""");

        config.TryGetMockedResponse("R", out var response).Should().BeTrue();
        ((MockReturn)response!.ForAttempt(0)!).Value.Should().Be(JsonValue.Parse("""{"a":2,"b":[{"c":2}]}"""));
    }

    [Fact]
    public void Parse_AReturnNamedLikeTheFields_IsData()
    {
        var config = MockConfig.Parse("""{"StateMachines":{},"MockedResponses":{"R":{"0":{"Return":{"Return":1,"Throw":{"Oops":true}}}}}}""");

        config.MockedResponses[0].Ranges[0].Response.Should().BeOfType<MockReturn>();
    }

    [Fact]
    public void Parse_ReturnOfEveryJsonKind_IsKeptAsIs()
    {
        var config = MockConfig.Parse("""{"StateMachines":{},"MockedResponses":{"R":{"0":{"Return":null},"1":{"Return":"s"},"2":{"Return":[1]},"3":{"Return":false},"4":{"Return":1.5}}}}""");

        config.MockedResponses[0].Ranges.Select(r => ((MockReturn)r.Response).Value.ToJsonString()).Should().Equal("null", "\"s\"", "[1]", "false", "1.5");
    }

    [Fact]
    public void Parse_ThrowWithoutCause_HasANullCause()
    {
        var config = MockConfig.Parse("""{"StateMachines":{},"MockedResponses":{"R":{"0":{"Throw":{"Error":"E"}}}}}""");

        config.MockedResponses[0].ForAttempt(0).Should().BeOfType<MockThrow>().Which.Cause.Should().BeNull();
    }

    [Fact]
    public void Parse_KeysOutOfOrderAndWithLeadingZeros_AreSortedByAttempt()
    {
        var config = MockConfig.Parse("""{"StateMachines":{},"MockedResponses":{"R":{"3-4":{"Return":3},"00":{"Return":0},"1-02":{"Return":1}}}}""");

        config.MockedResponses[0].Ranges.Select(r => r.Key).Should().Equal("0", "1-2", "3-4");
        ((MockReturn)config.MockedResponses[0].ForAttempt(4)!).Value.ToJsonString().Should().Be("3");
        config.MockedResponses[0].ForAttempt(5).Should().BeNull();
    }

    [Fact]
    public void ForAttempt_ARangeUpToIntMaxValue_CoversTheLastAttemptWithoutOverflow()
    {
        var config = MockConfig.Parse("""{"StateMachines":{},"MockedResponses":{"R":{"0":{"Return":0},"1-2147483647":{"Throw":{"Error":"E"}}}}}""");

        var response = config.MockedResponses[0];
        response.AttemptCount.Should().Be(2147483648L);
        response.ForAttempt(int.MaxValue).Should().BeOfType<MockThrow>();
        response.ForAttempt(0).Should().BeOfType<MockReturn>();
    }

    [Fact]
    public void Parse_AnEmptyTestCase_MocksNothing()
    {
        var config = MockConfig.Parse("""{"StateMachines":{"SM":{"TestCases":{"AllReal":{}}}},"MockedResponses":{}}""");

        config.Resolve("SM", "AllReal", "Any", 0).Kind.Should().Be(MockResolutionKind.NotMocked);
    }

    [Fact]
    public void Resolve_TwoStatesSharingAMockedResponse_CountTheirAttemptsSeparately()
    {
        var config = MockConfig.Parse("""{"StateMachines":{"SM":{"TestCases":{"TC":{"A":"R","B":"R"}}}},"MockedResponses":{"R":{"0":{"Return":0},"1":{"Return":1}}}}""");
        var testCase = config.GetTestCase("SM", "TC");

        testCase.Resolve("A", 1).Response.Should().BeSameAs(testCase.Resolve("B", 1).Response);
        testCase.MockedStates["A"].Should().BeSameAs(testCase.MockedStates["B"]);
    }
}
