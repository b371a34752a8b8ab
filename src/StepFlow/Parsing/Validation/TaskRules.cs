using StepFlow.Definition;
using StepFlow.Json;

namespace StepFlow.Parsing.Validation;

/// <summary>A Task state: Resource, timeouts, heartbeats and Credentials.</summary>
internal static class TaskRules
{
    public static void Check(ValidationContext ctx, JsonObject state, in PendingPointer statePointer, QueryLanguage language)
    {
        var jsonata = language == QueryLanguage.Jsonata;
        ResourceRules.Check(ctx, state, statePointer);
        HttpTaskRules.Check(ctx, state, statePointer, jsonata);
        ValueChecks.Integer(ctx, state, AslFields.TimeoutSeconds, statePointer, 1, ValueChecks.MaxSeconds, jsonata);
        ValueChecks.Integer(ctx, state, AslFields.HeartbeatSeconds, statePointer, 1, ValueChecks.MaxSeconds, jsonata);
        if (!jsonata)
        {
            ValueChecks.Path(ctx, state, AslFields.TimeoutSecondsPath, statePointer, allowNull: false);
            ValueChecks.Path(ctx, state, AslFields.HeartbeatSecondsPath, statePointer, allowNull: false);
            ValueChecks.Exclusive(ctx, state, AslFields.TimeoutSeconds, AslFields.TimeoutSecondsPath, statePointer);
            ValueChecks.Exclusive(ctx, state, AslFields.HeartbeatSeconds, AslFields.HeartbeatSecondsPath, statePointer);
        }

        if (state.TryGetValue(AslFields.TimeoutSeconds, out var timeout) && timeout is JsonNumber t && t.TryGetInt64(out var timeoutSeconds) &&
            state.TryGetValue(AslFields.HeartbeatSeconds, out var heartbeat) && heartbeat is JsonNumber h && h.TryGetInt64(out var heartbeatSeconds) &&
            heartbeatSeconds >= timeoutSeconds && timeoutSeconds >= 1)
        {
            ctx.Schema(
                $"'HeartbeatSeconds' ({heartbeatSeconds}) must be smaller than 'TimeoutSeconds' ({timeoutSeconds}).",
                statePointer.Append(AslFields.HeartbeatSeconds));
        }

        if (ValueChecks.Object(ctx, state, AslFields.Credentials, statePointer, allowJsonata: jsonata) is { } credentials)
        {
            CheckRole(ctx, credentials, statePointer, jsonata);
            if (!jsonata)
            {
                TemplateRules.CheckPayloadTemplate(ctx, credentials, statePointer, AslFields.Credentials);
            }
        }
    }

    /// <summary>
    /// A <c>Credentials</c> object names the role to assume: <c>RoleArn</c> (a string, or in JSONata a <c>{% %}</c> string),
    /// or in JSONPath <c>RoleArn.$</c> (a path or intrinsic, checked as a payload template). AWS rejects one without.
    /// </summary>
    private static void CheckRole(ValidationContext ctx, JsonObject credentials, in PendingPointer statePointer, bool jsonata)
    {
        if (credentials.TryGetValue(AslFields.RoleArn, out var role))
        {
            if (role is not JsonString)
            {
                ctx.Schema($"The field 'RoleArn' must be a string, not {role.KindName}.", statePointer.Append(AslFields.Credentials).Append(AslFields.RoleArn));
            }

            return;
        }

        if (jsonata || !credentials.ContainsKey("RoleArn.$"))
        {
            ctx.Schema(
                jsonata
                    ? "These fields are required: [RoleArn] (the role to assume, a string or a JSONata expression)."
                    : "These fields are required: [RoleArn] (the role to assume, or 'RoleArn.$' with a path or intrinsic function call).",
                statePointer.Append(AslFields.Credentials));
        }
    }
}
