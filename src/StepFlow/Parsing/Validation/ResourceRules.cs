using StepFlow.Definition;
using StepFlow.Json;

namespace StepFlow.Parsing.Validation;

/// <summary>
/// Checks a Task <c>Resource</c>: an ARN (INVALID_RESOURCE otherwise), a service integration AWS recognizes
/// (<see cref="ServiceIntegrations"/>) and, for Express, no activities, <c>.sync</c> or callbacks.
/// </summary>
internal static class ResourceRules
{
    public static void Check(ValidationContext ctx, JsonObject state, in PendingPointer statePointer)
    {
        if (!state.TryGetValue(AslFields.Resource, out var value))
        {
            ctx.Schema("A Task state is missing the required field 'Resource'.", statePointer);
            return;
        }

        if (value is not JsonString text)
        {
            ctx.Schema($"The field 'Resource' must be a string, not {value.KindName}.", statePointer.Append(AslFields.Resource));
            return;
        }

        // A definition repeats a few resources many times, and the parser shares equal strings: a resource that
        // passed every check below passes again (the checks read only the text and the options).
        var resource = text.Value;
        if (ReferenceEquals(resource, ctx.LastCleanResource))
        {
            return;
        }

        var reported = ctx.Count;
        Check(ctx, resource, statePointer.Append(AslFields.Resource));
        if (ctx.Count == reported)
        {
            ctx.LastCleanResource = resource;
        }
    }

    private static void Check(ValidationContext ctx, string resource, in PendingPointer pointer)
    {
        if (!TryParseArn(resource, out var serviceRange, out var regionRange, out var accountRange, out var restRange))
        {
            ctx.Error(
                DiagnosticCodes.InvalidResource,
                $"The resource '{ValueChecks.Truncate(resource)}' is not a valid resource ARN (arn:partition:service:region:account:resource).",
                pointer);
            return;
        }

        var service = resource.AsSpan()[serviceRange];
        var region = resource.AsSpan()[regionRange];
        var account = resource.AsSpan()[accountRange];
        var rest = resource.AsSpan()[restRange];
        var isStates = service.SequenceEqual("states");
        var isActivity = isStates && rest.StartsWith("activity:", StringComparison.Ordinal);
        var pattern = ReadOnlySpan<char>.Empty;
        if (isStates && region.IsEmpty && account.IsEmpty)
        {
            // arn:aws:states:::service:action[.pattern]: AWS rejects a service, action form or pattern it does not know
            // with SCHEMA_VALIDATION_FAILED (INVALID_RESOURCE is for text that is not an ARN at all).
            if (ServiceIntegrations.Problem(rest) is { } problem)
            {
                ctx.Schema(
                    $"The resource provided {ValueChecks.Truncate(resource)} is not recognized. The value is not a valid resource ARN, or the resource is not available in this region. ({problem})",
                    pointer);
                return;
            }

            var dot = rest.IndexOf('.');
            pattern = dot < 0 ? ReadOnlySpan<char>.Empty : rest[(dot + 1)..];
        }

        // AWS's words, as recorded in conformance-api/express (test_illegal_activity_task, test_illegal_callbacks).
        if (ctx.Options.StateMachineType == StateMachineType.Express)
        {
            if (isActivity)
            {
                ctx.Schema("Express state machine does not support Activity ARN", pointer);
            }
            else if (pattern.StartsWith("sync"))
            {
                ctx.Schema("Express state machine does not support '.sync' service integration", pointer);
            }
            else if (pattern.SequenceEqual("waitForTaskToken"))
            {
                ctx.Schema("Express state machine does not support '.waitForTaskToken' service integration", pointer);
            }
        }

        if (ctx.AllowedResources is { } allowed && !allowed.IsAllowed(resource))
        {
            ctx.Error(
                DiagnosticCodes.ResourceNotAllowed,
                $"The resource '{ValueChecks.Truncate(resource)}' is not on the allow-list; an execution would fail with States.Permissions here.",
                pointer);
        }
    }

    /// <summary>Splits arn:partition:service:region:account:resource into ranges of <paramref name="text"/>.</summary>
    private static bool TryParseArn(string text, out Range service, out Range region, out Range account, out Range rest)
    {
        service = region = account = rest = default;
        if (!text.StartsWith("arn:", StringComparison.Ordinal))
        {
            return false;
        }

        var position = 4;
        if (!Next(text, ref position, out var partition) || partition.GetOffsetAndLength(text.Length).Length == 0 ||
            !Next(text, ref position, out service) || service.GetOffsetAndLength(text.Length).Length == 0 ||
            !Next(text, ref position, out region) || !Next(text, ref position, out account) || position >= text.Length)
        {
            return false;
        }

        rest = position..;
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c) || char.IsControl(c))
            {
                return false;
            }
        }

        return true;
    }

    private static bool Next(string text, ref int position, out Range part)
    {
        var colon = text.IndexOf(':', position);
        if (colon < 0)
        {
            part = default;
            return false;
        }

        part = position..colon;
        position = colon + 1;
        return true;
    }
}
