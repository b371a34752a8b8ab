using System.Text;
using StepFlow.Testing.Mocks;

namespace StepFlow.Tests.Mocks;

public sealed class MockConfigRobustnessTests
{
    [Fact]
    public void TryParse_RandomMutationsOfTheAwsExample_NeverThrow()
    {
        var random = new Random(14);
        var original = AwsExampleMockConfig.Text;
        const string alphabet = "{}[]\":,-0123456789 eE.\\ntfaRTxyz\u00e9";
        var valid = 0;
        for (var i = 0; i < 3000; i++)
        {
            var text = new StringBuilder(original);
            for (var edits = random.Next(1, 4); edits > 0; edits--)
            {
                var at = random.Next(text.Length);
                switch (random.Next(3))
                {
                    case 0: text.Remove(at, 1); break;
                    case 1: text.Insert(at, alphabet[random.Next(alphabet.Length)]); break;
                    default: text[at] = alphabet[random.Next(alphabet.Length)]; break;
                }
            }

            var json = text.ToString();
            var ok = MockConfig.TryParse(json, out var config, out var errors);

            (ok ? config is not null && errors.Count == 0 : config is null && errors.Count > 0).Should().BeTrue(json);
            errors.All(e => e.Message.Length > 0 && (e.Pointer.Length == 0 || e.Pointer.StartsWith('/'))).Should().BeTrue(json);
            valid += ok ? 1 : 0;
        }

        valid.Should().BeGreaterThan(0, "some mutations (inside strings) keep the file valid");
    }

    [Fact]
    public void Parse_TenThousandAttemptKeys_IsCheckedInOnePass()
    {
        var keys = string.Join(",", Enumerable.Range(0, 10_000).Select(i => $"\"{i}\":{{\"Return\":{i}}}"));

        var config = MockConfig.Parse("{\"StateMachines\":{},\"MockedResponses\":{\"R\":{" + keys + "}}}");

        config.MockedResponses[0].AttemptCount.Should().Be(10_000);
        config.MockedResponses[0].ForAttempt(9_999).Should().BeOfType<MockReturn>().Which.Value.ToJsonString().Should().Be("9999");
    }

    [Fact]
    public void Parse_AReturnNested512Deep_IsAcceptedWithoutRecursion()
    {
        var deep = new string('[', 508) + new string(']', 508);

        var config = MockConfig.Parse("{\"StateMachines\":{},\"MockedResponses\":{\"R\":{\"0\":{\"Return\":" + deep + "}}}}");

        config.MockedResponses[0].ForAttempt(0).Should().BeOfType<MockReturn>().Which.Value.Depth.Should().Be(508);
    }
}
