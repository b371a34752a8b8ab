using System.Globalization;
using System.Xml;

namespace StepFlow.Cli.Commands;

/// <summary>
/// Writes <c>stepflow test</c> results as JUnit XML (the <c>testsuites/testsuite/testcase</c> shape CI systems read): one
/// test suite per state machine, one test case per mock config test case; a failed execution is a <c>failure</c> whose
/// type is the error name and whose message is the cause; the path taken goes to <c>system-out</c>.
/// </summary>
internal static class JUnitReport
{
    public static void Write(string path, string stateMachine, IReadOnlyList<TestCaseOutcome> outcomes)
    {
        var failures = outcomes.Count(o => !o.Result.Succeeded).ToString(CultureInfo.InvariantCulture);
        var tests = outcomes.Count.ToString(CultureInfo.InvariantCulture);
        var time = Seconds(outcomes.Aggregate(TimeSpan.Zero, (sum, o) => sum + o.WallTime));
        var settings = new XmlWriterSettings { Indent = true, Encoding = new System.Text.UTF8Encoding(false) };
        using var writer = XmlWriter.Create(path, settings);
        writer.WriteStartDocument();
        writer.WriteStartElement("testsuites");
        writer.WriteAttributeString("name", "stepflow test");
        writer.WriteAttributeString("tests", tests);
        writer.WriteAttributeString("failures", failures);
        writer.WriteAttributeString("errors", "0");
        writer.WriteAttributeString("time", time);
        writer.WriteStartElement("testsuite");
        writer.WriteAttributeString("name", stateMachine);
        writer.WriteAttributeString("tests", tests);
        writer.WriteAttributeString("failures", failures);
        writer.WriteAttributeString("errors", "0");
        writer.WriteAttributeString("skipped", "0");
        writer.WriteAttributeString("time", time);
        foreach (var outcome in outcomes)
        {
            var result = outcome.Result;
            writer.WriteStartElement("testcase");
            writer.WriteAttributeString("classname", stateMachine);
            writer.WriteAttributeString("name", outcome.Name);
            writer.WriteAttributeString("time", Seconds(outcome.WallTime));
            if (!result.Succeeded)
            {
                writer.WriteStartElement("failure");
                writer.WriteAttributeString("type", result.Error ?? result.Status.ToString());
                writer.WriteAttributeString("message", result.Cause ?? string.Empty);
                writer.WriteString($"{result.Status}: {result.Error}: {result.Cause}");
                writer.WriteEndElement();
            }

            writer.WriteElementString(
                "system-out",
                $"Path: {string.Join(" -> ", result.VisitedStates)}\nOutput: {result.Output?.ToJsonString() ?? "(none)"}\n");
            writer.WriteEndElement();
        }

        writer.WriteEndElement();
        writer.WriteEndElement();
        writer.WriteEndDocument();
    }

    private static string Seconds(TimeSpan time) => time.TotalSeconds.ToString("0.000", CultureInfo.InvariantCulture);
}
