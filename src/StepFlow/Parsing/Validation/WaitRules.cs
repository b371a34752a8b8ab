using StepFlow.Definition;
using StepFlow.Json;
using Rfc3339 = StepFlow.Definition.Choice.Rfc3339;

namespace StepFlow.Parsing.Validation;

/// <summary>A Wait state needs exactly one of Seconds, SecondsPath, Timestamp and TimestampPath.</summary>
internal static class WaitRules
{
    public static void Check(ValidationContext ctx, JsonObject state, in PendingPointer statePointer, QueryLanguage language)
    {
        var jsonata = language == QueryLanguage.Jsonata;
        var count = 0;
        count += state.ContainsKey(AslFields.Seconds) ? 1 : 0;
        count += state.ContainsKey(AslFields.Timestamp) ? 1 : 0;
        if (!jsonata)
        {
            count += state.ContainsKey(AslFields.SecondsPath) ? 1 : 0;
            count += state.ContainsKey(AslFields.TimestampPath) ? 1 : 0;
        }

        if (count == 0)
        {
            ctx.Schema(
                jsonata
                    ? "A Wait state needs 'Seconds' or 'Timestamp'."
                    : "A Wait state needs exactly one of 'Seconds', 'SecondsPath', 'Timestamp' and 'TimestampPath'.",
                statePointer);
        }
        else if (count > 1)
        {
            ctx.Schema(
                "A Wait state must have only one of 'Seconds', 'SecondsPath', 'Timestamp' and 'TimestampPath'.",
                statePointer);
        }

        ValueChecks.Integer(ctx, state, AslFields.Seconds, statePointer, 0, ValueChecks.MaxSeconds, jsonata);
        if (state.TryGetValue(AslFields.Timestamp, out var timestamp))
        {
            var ok = timestamp is JsonString text && (Rfc3339.IsValid(text.Value) || (jsonata && ValueChecks.IsJsonata(text.Value)));
            if (!ok)
            {
                ctx.Schema(
                    $"The field 'Timestamp' must be an RFC 3339 timestamp string such as 2016-03-14T01:59:00Z{(jsonata ? " or a JSONata expression" : string.Empty)}.",
                    statePointer.Append(AslFields.Timestamp));
            }
        }

        if (!jsonata)
        {
            ValueChecks.Path(ctx, state, AslFields.SecondsPath, statePointer, allowNull: false);
            ValueChecks.Path(ctx, state, AslFields.TimestampPath, statePointer, allowNull: false);
        }
    }
}
