using System.Text.RegularExpressions;
using StepFlow.Definition;
using StepFlow.Json;
using StepFlow.Parsing;
using StepFlow.Parsing.Validation;
using StepFlow.Conformance;
using StepFlow.Tests.Support;

namespace StepFlow.Tests.Parsing;

/// <summary>
/// The CreateStateMachine rejections AWS recorded for Express machines (conformance-api/express): StepFlow reports
/// the same code, location and message.
/// </summary>
public sealed partial class RecordedExpressRejectionTests
{
    public static TheoryData<string> Cases()
    {
        var data = new TheoryData<string>();
        var folder = SharedFolder.Find("conformance-api", "express");
        if (folder is null)
        {
            data.Add("(shared folder absent)");
            return data;
        }

        foreach (var file in Directory.EnumerateFiles(folder, "*.json").Order(StringComparer.Ordinal))
        {
            if (Rejection(file) is not null)
            {
                data.Add(Path.GetFileName(file));
            }
        }

        return data;
    }

    [SharedSuiteTheory]
    [MemberData(nameof(Cases))]
    public void Parse_ExpressDefinitionAwsRejected_ReportsAwsCodeLocationAndMessage(string file)
    {
        var (definition, code, message, location) = Rejection(Path.Combine(SharedFolder.Find("conformance-api", "express")!, file))!.Value;

        StateMachine.TryParse(definition, new ValidationOptions { StateMachineType = StateMachineType.Express }, out _, out var diagnostics)
            .Should().BeFalse();

        diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error)
            .Select(d => $"{d.Code}: {d.Message.Trim()} at {d.Location}")
            .Should().Equal($"{code}: {message.Trim()} at {location}");
    }

    /// <summary>The definition of the case's rejected CreateStateMachine call and AWS's code, message and location.</summary>
    private static (string Definition, string Code, string Message, string Location)? Rejection(string file)
    {
        var root = (JsonObject)JsonValue.Parse(File.ReadAllText(file));
        foreach (var item in ((JsonArray)root["calls"]).Items)
        {
            if (item is JsonObject call && call["operation"] is JsonString { Value: "CreateStateMachine" } &&
                call.TryGetValue("expected", out var expected) && expected is JsonObject e &&
                e.TryGetValue("exception", out var exception) && exception is JsonObject ex &&
                ex["code"] is JsonString { Value: "InvalidDefinition" } && ex["message"] is JsonString text &&
                AwsMessage().Match(text.Value) is { Success: true } match)
            {
                // The activity the case created in an earlier call is referred to by its response (${0.activityArn}).
                var definition = ActivityReference().Replace(
                    ((JsonString)((JsonObject)call["request"])["definition"]).Value,
                    "arn:aws:states:us-east-1:111111111111:activity:recorded");
                return (definition, match.Groups["code"].Value, match.Groups["message"].Value, match.Groups["location"].Value);
            }
        }

        return null;
    }

    [GeneratedRegex(@"\$\{\d+\.activityArn\}")]
    private static partial Regex ActivityReference();

    [GeneratedRegex("^Invalid State Machine Definition: '(?<code>[A-Z_]+): (?<message>.*) at (?<location>/[^']*)'$", RegexOptions.Singleline)]
    private static partial Regex AwsMessage();
}
