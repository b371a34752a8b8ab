using System.Globalization;
using System.Text;
using System.Text.Json;
using StepFlow.Parsing;
using StepFlow.Parsing.Validation;
using StepFlow.Service;
using StepFlow.StateMachines;

namespace StepFlow.Server;

/// <summary>
/// CreateStateMachine, DescribeStateMachine, UpdateStateMachine, DeleteStateMachine, ListStateMachines,
/// ValidateStateMachineDefinition and DescribeStateMachineForExecution.
/// </summary>
internal static class StateMachineOperations
{
    public static async Task CreateStateMachine(OperationContext c)
    {
        var name = c.Request.RequiredString("name");
        var definition = c.Request.RequiredString("definition");
        var roleArn = c.Request.RequiredString("roleArn");
        var type = Type(c.Request.String("type"));
        RefusePublish(c.Request);
        var machine = await c.Engine.CreateStateMachineAsync(name, definition, type, roleArn, c.CancellationToken).ConfigureAwait(false);
        c.Response.WriteString("stateMachineArn", machine.Arn);
        c.Response.WriteDate("creationDate", machine.CreationDate);
    }

    public static async Task DescribeStateMachine(OperationContext c)
    {
        var machine = await c.Engine.DescribeStateMachineAsync(c.Request.RequiredString("stateMachineArn"), c.CancellationToken).ConfigureAwait(false);
        var w = c.Response;
        w.WriteString("stateMachineArn", machine.Arn);
        w.WriteString("name", machine.Name);
        w.WriteString("status", "ACTIVE");
        w.WriteString("definition", machine.Definition);
        w.WriteStringIfSet("roleArn", machine.RoleArn);
        w.WriteString("type", TypeName(machine.Type));
        w.WriteDate("creationDate", machine.CreationDate);
        WriteConfigurations(w);
        w.WriteStringIfSet("revisionId", machine.RevisionId);
    }

    public static async Task UpdateStateMachine(OperationContext c)
    {
        var arn = c.Request.RequiredString("stateMachineArn");
        var definition = c.Request.String("definition");
        var roleArn = c.Request.String("roleArn");
        RefusePublish(c.Request);
        if (definition is null && roleArn is null && (c.Request.Element("loggingConfiguration") is not null || c.Request.Element("tracingConfiguration") is not null))
        {
            // Only the logging or tracing configuration changes, which StepFlow keeps as AWS's defaults: a new revision of the same definition.
            definition = (await c.Engine.DescribeStateMachineAsync(arn, c.CancellationToken).ConfigureAwait(false)).Definition;
        }

        var machine = await c.Engine.UpdateStateMachineAsync(arn, definition, roleArn, c.CancellationToken).ConfigureAwait(false);
        c.Response.WriteDate("updateDate", machine.UpdateDate ?? machine.CreationDate);
        c.Response.WriteStringIfSet("revisionId", machine.RevisionId);
    }

    public static Task DeleteStateMachine(OperationContext c) =>
        c.Engine.DeleteStateMachineAsync(c.Request.RequiredString("stateMachineArn"), c.CancellationToken);

    public static Task ListStateMachines(OperationContext c)
    {
        var maxResults = ExecutionOperations.MaxResults(c.Request);
        var token = c.Request.String("nextToken");
        var start = token is null ? 0 : ParseToken(token);
        var machines = c.Engine.StateMachines.OrderBy(m => m.CreationDate).ThenBy(m => m.Arn, StringComparer.Ordinal).ToList();
        var w = c.Response;
        w.WriteStartArray("stateMachines");
        foreach (var machine in machines.Skip(start).Take(maxResults))
        {
            w.WriteStartObject();
            w.WriteString("stateMachineArn", machine.Arn);
            w.WriteString("name", machine.Name);
            w.WriteString("type", TypeName(machine.Type));
            w.WriteDate("creationDate", machine.CreationDate);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        if (start + maxResults < machines.Count)
        {
            w.WriteString("nextToken", Convert.ToBase64String(Encoding.UTF8.GetBytes("sm:" + (start + maxResults).ToString(CultureInfo.InvariantCulture))));
        }

        return Task.CompletedTask;
    }

    public static Task ValidateStateMachineDefinition(OperationContext c)
    {
        var definition = c.Request.RequiredString("definition");
        var type = Type(c.Request.String("type"));
        var minimum = c.Request.String("severity") switch
        {
            null or "ERROR" => DiagnosticSeverity.Error,
            "WARNING" => DiagnosticSeverity.Warning,
            var other => throw EnumError(other, "severity", "ERROR, WARNING"),
        };
        var maxResults = c.Request.Integer("maxResults", 0, 100) is { } n and > 0 ? n : 100;
        var diagnostics = StateMachine.Validate(definition, new ValidationOptions { StateMachineType = type, MinimumSeverity = DiagnosticSeverity.Warning });
        var shown = diagnostics.Where(d => d.Severity >= minimum).ToList();
        var w = c.Response;
        w.WriteString("result", diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error) ? "FAIL" : "OK");
        w.WriteStartArray("diagnostics");
        foreach (var d in shown.Take(maxResults))
        {
            w.WriteStartObject();
            w.WriteString("severity", d.Severity == DiagnosticSeverity.Error ? "ERROR" : "WARNING");
            w.WriteString("code", d.Code);
            w.WriteString("message", d.Message);
            w.WriteString("location", d.Location.Length == 0 ? "/" : d.Location);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteBoolean("truncated", shown.Count > maxResults);
        return Task.CompletedTask;
    }

    public static async Task DescribeStateMachineForExecution(OperationContext c)
    {
        var execution = await c.Engine.DescribeExecutionAsync(c.Request.RequiredString("executionArn"), c.CancellationToken).ConfigureAwait(false);
        var machine = await c.Engine.DescribeStateMachineAsync(execution.StateMachineArn, c.CancellationToken).ConfigureAwait(false);
        var w = c.Response;
        w.WriteString("stateMachineArn", machine.Arn);
        w.WriteString("name", machine.Name);
        w.WriteString("definition", machine.Definition);
        w.WriteStringIfSet("roleArn", machine.RoleArn);
        w.WriteDate("updateDate", machine.UpdateDate ?? machine.CreationDate);
        WriteConfigurations(w);
        w.WriteStringIfSet("revisionId", machine.RevisionId);
    }

    private static StateMachineType Type(string? value) => value switch
    {
        null or "STANDARD" => StateMachineType.Standard,
        "EXPRESS" => StateMachineType.Express,
        _ => throw EnumError(value, "type", "STANDARD, EXPRESS"),
    };

    private static string TypeName(StateMachineType type) => type == StateMachineType.Express ? "EXPRESS" : "STANDARD";

    /// <summary>Versions are not kept yet: a call that would publish one is refused, never half-done.</summary>
    private static void RefusePublish(Members request)
    {
        var publish = request.Boolean("publish") ?? false;
        if (!publish && request.String("versionDescription") is not null)
        {
            throw new ApiError(ApiErrorNames.ValidationException, "Version description can only be set when publish is true");
        }

        if (publish)
        {
            throw new ApiError(ApiErrorNames.ValidationException, "This StepFlow endpoint does not publish state machine versions yet (publish: true).");
        }
    }

    /// <summary>AWS's defaults, which StepFlow keeps: logging OFF, tracing disabled.</summary>
    private static void WriteConfigurations(Utf8JsonWriter w)
    {
        w.WriteStartObject("loggingConfiguration");
        w.WriteString("level", "OFF");
        w.WriteBoolean("includeExecutionData", false);
        w.WriteEndObject();
        w.WriteStartObject("tracingConfiguration");
        w.WriteBoolean("enabled", false);
        w.WriteEndObject();
    }

    private static int ParseToken(string token)
    {
        try
        {
            var text = Encoding.UTF8.GetString(Convert.FromBase64String(token));
            if (text.StartsWith("sm:", StringComparison.Ordinal) &&
                int.TryParse(text.AsSpan(3), NumberStyles.None, CultureInfo.InvariantCulture, out var offset))
            {
                return offset;
            }
        }
        catch (FormatException)
        {
        }

        throw new ApiError(ExecutionApiErrorCodes.InvalidToken, $"Invalid Token: '{token}'");
    }

    private static ApiError EnumError(string value, string member, string allowed) => new(
        ApiErrorNames.ValidationException,
        $"1 validation error detected: Value '{value}' at '{member}' failed to satisfy constraint: Member must satisfy enum value set: [{allowed}]");
}
