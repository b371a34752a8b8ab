using StepFlow.Conformance.Asl;

namespace StepFlow.Tests.Conformance;

public sealed class FailureListTests
{
    [Fact]
    public void Parse_NamesWithReasonsCommentsAndBlankLines()
    {
        var list = FailureList.Parse("# header\n\ncase_a  # engine lacks X\r\ncase_b\n   # indented comment\n");

        list.Count.Should().Be(2);
        list.Contains("case_a", out var reasonA).Should().BeTrue();
        reasonA.Should().Be("engine lacks X");
        list.Contains("case_b", out var reasonB).Should().BeTrue();
        reasonB.Should().BeEmpty();
        list.Contains("header", out _).Should().BeFalse();
    }
}
