using StepFlow.Json;

namespace StepFlow.Parsing.Validation;

/// <summary>A Task state: Resource, timeouts, heartbeats and Credentials.</summary>
internal static class TaskRules
{
    public static void Check(ValidationContext ctx, JsonObject state, in PendingPointer statePointer, QueryLanguageMode language)
    {
        var jsonata = language == QueryLanguageMode.Jsonata;
        ResourceRules.Check(ctx, state, statePointer);
        HttpTaskRules.Check(ctx, state, statePointer, jsonata);
        ValueChecks.Integer(ctx, state, "TimeoutSeconds", statePointer, 1, ValueChecks.MaxSeconds, jsonata);
        ValueChecks.Integer(ctx, state, "HeartbeatSeconds", statePointer, 1, ValueChecks.MaxSeconds, jsonata);
        if (!jsonata)
        {
            ValueChecks.Path(ctx, state, "TimeoutSecondsPath", statePointer, allowNull: false);
            ValueChecks.Path(ctx, state, "HeartbeatSecondsPath", statePointer, allowNull: false);
            ValueChecks.Exclusive(ctx, state, "TimeoutSeconds", "TimeoutSecondsPath", statePointer);
            ValueChecks.Exclusive(ctx, state, "HeartbeatSeconds", "HeartbeatSecondsPath", statePointer);
        }

        if (state.TryGetValue("TimeoutSeconds", out var timeout) && timeout is JsonNumber t && t.TryGetInt64(out var timeoutSeconds) &&
            state.TryGetValue("HeartbeatSeconds", out var heartbeat) && heartbeat is JsonNumber h && h.TryGetInt64(out var heartbeatSeconds) &&
            heartbeatSeconds >= timeoutSeconds && timeoutSeconds >= 1)
        {
            ctx.Schema(
                $"'HeartbeatSeconds' ({heartbeatSeconds}) must be smaller than 'TimeoutSeconds' ({timeoutSeconds}).",
                statePointer.Append("HeartbeatSeconds"));
        }

        if (ValueChecks.Object(ctx, state, "Credentials", statePointer, allowJsonata: jsonata) is { } credentials && !jsonata)
        {
            TemplateRules.CheckPayloadTemplate(ctx, credentials, statePointer, "Credentials");
        }
    }
}
