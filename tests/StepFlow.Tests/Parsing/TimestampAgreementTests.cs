using Microsoft.Extensions.Time.Testing;
using StepFlow.Definition;
using StepFlow.Execution;
using StepFlow.Parsing;
using StepFlow.Parsing.Validation;
using StepFlow.Persistence;
using StepFlow.Tests.Execution;

namespace StepFlow.Tests.Parsing;

/// <summary>
/// Every place that reads an RFC 3339 timestamp gives one answer for the same text: the validator, the parser,
/// a Wait TimestampPath at run time and a Choice rule. AWS reads them as an ISO-8601 extended offset date-time
/// (its runtime error says so): up to 9 fractional digits (the recorded NANOSECONDS case), seconds 00–59,
/// offsets up to ±18:00.
/// </summary>
public sealed class TimestampAgreementTests
{
    public static TheoryData<string, bool> Timestamps => new()
    {
        { "2016-03-14T01:59:00Z", true },
        { "2016-03-14T01:59:00.5Z", true },
        { "2016-03-14T01:59:00.123456789Z", true },
        { "2016-03-14T01:59:00.1234567890Z", false },
        { "2016-03-14T01:59:00.123+01:00", true },
        { "2016-03-14T01:59:00-00:00", true },
        { "2016-03-14T01:59:00+18:00", true },
        { "2016-03-14T01:59:00+18:01", false },
        { "2016-03-14T01:59:00+23:59", false },
        { "2016-03-14T01:59:60Z", false },
        { "2016-02-29T01:59:00Z", true },
        { "2015-02-29T01:59:00Z", false },
        { "0000-01-01T00:00:00Z", false },
        { "0001-01-01T00:00:00+01:00", false },
        { "2016-03-14T01:59:00.Z", false },
        { "2016-03-14t01:59:00z", false },
        { "2016-03-14T01:59Z", false },
        { "2016-03-14T01:59:00", false },
    };

    [Theory]
    [MemberData(nameof(Timestamps))]
    public void WaitTimestamp_ValidatorAndParser_GiveOneAnswer(string timestamp, bool valid)
    {
        var definition = """{"StartAt":"W","States":{"W":{"Type":"Wait","Timestamp":"@TS","End":true}}}""".Replace("@TS", timestamp, StringComparison.Ordinal);

        DefinitionValidator.Validate(definition).Where(d => d.Severity == DiagnosticSeverity.Error)
            .Should().HaveCount(valid ? 0 : 1, "the validator's answer for {0}", timestamp);
        StateMachine.TryParse(definition, out _, out _).Should().Be(valid, "the parser's answer for {0}", timestamp);
    }

    [Theory]
    [MemberData(nameof(Timestamps))]
    public void ChoiceTimestampOperand_ValidatorAndParser_GiveOneAnswer(string timestamp, bool valid)
    {
        var definition = """
            {"StartAt":"C","States":{"C":{"Type":"Choice","Choices":[{"Variable":"$.t","TimestampEquals":"@TS","Next":"D"}],"Default":"D"},
             "D":{"Type":"Succeed"}}}
            """.Replace("@TS", timestamp, StringComparison.Ordinal);

        DefinitionValidator.Validate(definition).Where(d => d.Severity == DiagnosticSeverity.Error)
            .Should().HaveCount(valid ? 0 : 1, "the validator's answer for {0}", timestamp);
        StateMachine.TryParse(definition, out _, out _).Should().Be(valid, "the parser's answer for {0}", timestamp);
    }

    [Theory]
    [MemberData(nameof(Timestamps))]
    public async Task WaitTimestampPath_AtRunTime_GivesTheValidatorsAnswer(string timestamp, bool valid)
    {
        // The clock is far past every timestamp here, so a valid one continues at once.
        var clock = new FakeTimeProvider(new DateTimeOffset(9000, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var result = await EngineTestHost.RunAsync(
            """{"StartAt":"W","States":{"W":{"Type":"Wait","TimestampPath":"$.t","End":true}}}""",
            $$"""{"t":"{{timestamp}}"}""",
            clock: clock);

        result.Status.Should().Be(valid ? ExecutionStatus.Succeeded : ExecutionStatus.Failed, "the run's answer for {0}", timestamp);
        if (!valid)
        {
            result.Error.Should().Be("States.Runtime");
        }
    }

    [Theory]
    [MemberData(nameof(Timestamps))]
    public async Task ChoiceIsTimestamp_AtRunTime_GivesTheValidatorsAnswer(string timestamp, bool valid)
    {
        var result = await EngineTestHost.RunAsync(
            """
            {"StartAt":"C","States":{"C":{"Type":"Choice","Choices":[{"Variable":"$.t","IsTimestamp":true,"Next":"Yes"}],"Default":"No"},
             "Yes":{"Type":"Pass","Result":true,"End":true},"No":{"Type":"Pass","Result":false,"End":true}}}
            """,
            $$"""{"t":"{{timestamp}}"}""");

        result.Output.Should().Be(StepFlow.Json.JsonValue.From(valid), "the Choice rule's answer for {0}", timestamp);
    }
}
