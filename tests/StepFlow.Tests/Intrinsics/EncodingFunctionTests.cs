using StepFlow.Json;
using static StepFlow.Tests.Intrinsics.IntrinsicTestSupport;

namespace StepFlow.Tests.Intrinsics;

public sealed class EncodingFunctionTests
{
    [Theory]
    [InlineData("Data to encode", "RGF0YSB0byBlbmNvZGU=")]
    [InlineData("Hello World", "SGVsbG8gV29ybGQ=")]
    [InlineData("héllo €", "aMOpbGxvIOKCrA==")]
    [InlineData("", "")]
    public void Base64_EncodesUtf8_AndDecodesBack(string plain, string encoded)
    {
        var input = new JsonObjectBuilder().Set("p", JsonValue.From(plain)).Set("e", JsonValue.From(encoded)).Build().ToJsonString();

        EvalString("States.Base64Encode($.p)", input).Should().Be(encoded);
        EvalString("States.Base64Decode($.e)", input).Should().Be(plain);
    }

    [Fact]
    public void Base64_RoundTripsThroughNesting() =>
        EvalString("States.Base64Decode(States.Base64Encode('it\\'s {}'))").Should().Be("it's {}");

    [Fact]
    public void Base64_AcceptsExactly10000Characters_AndRejectsMore()
    {
        var ok = new string('a', 10_000);
        var tooLong = new string('a', 10_001);

        EvalString("States.Base64Encode($.s)", $$"""{"s":"{{ok}}"}""").Length.Should().Be(13_336);
        EvalFailureDetail("States.Base64Encode($.s)", $$"""{"s":"{{tooLong}}"}""").Should().Be("Invalid arguments in States.Base64Encode");
        EvalFailureDetail("States.Base64Decode($.s)", $$"""{"s":"{{new string('A', 10_004)}}"}""").Should().Be("Invalid arguments in States.Base64Decode");
    }

    [Theory]
    [InlineData("not base64!")]
    [InlineData("abc")]
    public void Base64Decode_RejectsInvalidInput(string value) =>
        EvalFailureDetail("States.Base64Decode($.s)", $$"""{"s":"{{value}}"}""").Should().Be("Invalid arguments in States.Base64Decode");

    [Theory]
    [InlineData("States.Base64Encode($.n)")]
    [InlineData("States.Base64Decode($.n)")]
    public void Base64_RejectsANonString(string call) =>
        EvalFailureDetail(call, """{"n":12}""").Should().StartWith("Invalid arguments in States.Base64");

    [Theory]
    [InlineData("MD5", "812f45842bc6d66ee14572ce20db8e86")]
    [InlineData("SHA-1", "aaff4a450a104cd177d28d18d74485e8cae074b7")]
    [InlineData("SHA-256", "b4a697a057313163aee33cd8d40c66e9f0f177e00cac2de32475ffff6169c3e3")]
    [InlineData("SHA-384", "d28a7d5cf25a74f11a50a18452b75e04bb3d70c9dd0510d6123aa008c756511b87525bdc835ebb27e1fb9e9374a15562")]
    [InlineData("SHA-512", "6ce4adb348546d4f449c4d25aad9a7c9cb711d9e91982d3f0b29ca2f3f47d4ce2deba23bf2954f0f1d593fc50283731a533d30d425402d4f91316d871303aac4")]
    public void Hash_ReturnsLowercaseHex(string algorithm, string expected) =>
        EvalString("States.Hash($.data, $.alg)", $$"""{"data":"input data","alg":"{{algorithm}}"}""").Should().Be(expected);

    [Fact]
    public void Hash_HashesTheUtf8Bytes() =>
        EvalString("States.Hash('héllo €', 'SHA-256')").Should().Be("9cb52b6d1cfc1eae34c63c2b0ff0d49ed8ef2c82482b3c455747594c83754098");

    [Fact]
    public void Hash_OfJsonToString_HashesTheCompactText() =>
        EvalString("States.Hash(States.JsonToString($.a), 'SHA-256')", """{"a":[0, 1, 2, 3, 4]}""")
            .Should().Be("7f2c5f390b0c7e30e5a644380decea0554bbb62cfc03eff193d13a8c1a117708");

    [Theory]
    [InlineData("States.Hash('x', 'sha-256')")]
    [InlineData("States.Hash('x', 'SHA256')")]
    [InlineData("States.Hash('x', 'CRC32')")]
    [InlineData("States.Hash('x', 1)")]
    [InlineData("States.Hash(1, 'MD5')")]
    public void Hash_RejectsUnknownAlgorithmsAndNonStrings(string call) =>
        EvalFailureDetail(call).Should().Be("Invalid arguments in States.Hash");

    [Fact]
    public void Hash_RejectsInputLongerThan10000Characters() =>
        EvalFailureDetail("States.Hash($.s, 'MD5')", $$"""{"s":"{{new string('x', 10_001)}}"}""").Should().Be("Invalid arguments in States.Hash");
}
