using StepFlow.Definition;
using StepFlow.Json;

namespace StepFlow.Parsing.Validation;

/// <summary>A Fail state: Error vs ErrorPath and Cause vs CausePath are mutually exclusive.</summary>
internal static class FailRules
{
    public static void Check(ValidationContext ctx, JsonObject state, in PendingPointer statePointer, QueryLanguage language)
    {
        foreach (var field in (ReadOnlySpan<string>)[AslFields.Error, AslFields.Cause])
        {
            var text = ValueChecks.String(ctx, state, field, statePointer);
            if (text is not null && language == QueryLanguage.JsonPath && ValueChecks.LooksLikePath(text))
            {
                ctx.Warning(
                    DiagnosticCodes.NoPath,
                    $"The value of '{field}' looks like a path but is used as literal text; use '{field}Path' to read it from the input.",
                    statePointer.Append(field));
            }
        }

        if (language == QueryLanguage.JsonPath)
        {
            ValueChecks.Path(ctx, state, AslFields.ErrorPath, statePointer, allowNull: false, allowIntrinsic: true);
            ValueChecks.Path(ctx, state, AslFields.CausePath, statePointer, allowNull: false, allowIntrinsic: true);
            ValueChecks.Exclusive(ctx, state, AslFields.Error, AslFields.ErrorPath, statePointer);
            ValueChecks.Exclusive(ctx, state, AslFields.Cause, AslFields.CausePath, statePointer);
        }
    }
}
