using System.Collections.Frozen;
using System.Text.RegularExpressions;
using StepFlow.Definition;
using StepFlow.Json;

namespace StepFlow.Parsing.Validation;

/// <summary>
/// The HTTP Task (<c>arn:aws:states:::http:invoke</c>): AWS rejects at creation a definition whose
/// <c>Parameters</c> (<c>Arguments</c> in JSONata) lacks <c>ApiEndpoint</c>, <c>Method</c> or the connection
/// (<c>Authentication</c> or <c>InvocationConfig</c>), or whose static values are not valid. Values given by a
/// path (<c>.$</c>) or a JSONata expression are checked when the task runs.
/// </summary>
internal static partial class HttpTaskRules
{
    public const string Resource = "arn:aws:states:::http:invoke";

    private static readonly FrozenSet<string> Methods = ValueChecks.Set("GET", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "HEAD");
    private static readonly FrozenSet<string> BodyEncodings = ValueChecks.Set("NONE", "URL_ENCODED");
    private static readonly FrozenSet<string> ArrayFormats = ValueChecks.Set("INDICES", "REPEAT", "COMMAS", "BRACKETS");

    public static void Check(ValidationContext ctx, JsonObject state, in PendingPointer pendingPointer, bool jsonata)
    {
        if (!state.TryGetValue(AslFields.Resource, out var resource) || resource is not JsonString { Value: Resource })
        {
            return;
        }

        // Only HTTP Tasks get this far, so the pointer string is made for them alone.
        var statePointer = pendingPointer.ToString();

        var field = jsonata ? AslFields.Arguments : AslFields.Parameters;
        if (!state.TryGetValue(field, out var payload))
        {
            ctx.Schema($"An HTTP Task needs '{field}' with ApiEndpoint, Method and Authentication.", statePointer);
            return;
        }

        if (payload is not JsonObject parameters)
        {
            return;
        }

        var pointer = JsonPointer.Append(statePointer, field);
        if (Static(parameters, AslFields.ApiEndpoint, jsonata, pointer, ctx, out var endpointPointer) is { } endpoint && !IsHttpUrl(endpoint))
        {
            ctx.Schema("The value for the 'ApiEndpoint' field is not valid: it must be an absolute https:// (or http://) URL.", endpointPointer);
        }

        if (Static(parameters, AslFields.Method, jsonata, pointer, ctx, out var methodPointer) is { } method &&
            !(method is JsonString text && Methods.Contains(text.Value)))
        {
            ctx.Schema("The value for the 'Method' field is not valid: use GET, POST, PUT, DELETE, PATCH, OPTIONS or HEAD.", methodPointer);
        }

        CheckConnection(ctx, parameters, pointer, jsonata);
        if (Value(parameters, AslFields.Transform, jsonata) is JsonObject transform)
        {
            var transformPointer = JsonPointer.Append(pointer, AslFields.Transform);
            CheckEnum(ctx, transform, AslFields.RequestBodyEncoding, BodyEncodings, transformPointer, jsonata);
            if (Value(transform, AslFields.RequestEncodingOptions, jsonata) is JsonObject options)
            {
                CheckEnum(ctx, options, AslFields.ArrayFormat, ArrayFormats, JsonPointer.Append(transformPointer, AslFields.RequestEncodingOptions), jsonata);
            }
        }
    }

    private static void CheckConnection(ValidationContext ctx, JsonObject parameters, string pointer, bool jsonata)
    {
        var authentication = Present(parameters, AslFields.Authentication, jsonata);
        var invocationConfig = Present(parameters, AslFields.InvocationConfig, jsonata);
        if (authentication && invocationConfig)
        {
            ctx.Schema("Use either 'Authentication' or 'InvocationConfig' for the connection, not both.", pointer);
            return;
        }

        if (!authentication && !invocationConfig)
        {
            ctx.Schema("The field 'Authentication' (or 'InvocationConfig') is required but was missing.", pointer);
            return;
        }

        var field = authentication ? AslFields.Authentication : AslFields.InvocationConfig;
        if (Value(parameters, field, jsonata) is not { } config)
        {
            return;
        }

        var configPointer = JsonPointer.Append(pointer, field);
        if (config is not JsonObject configObject)
        {
            if (!(config is JsonString expression && ValueChecks.IsJsonata(expression.Value)))
            {
                ctx.Schema($"The value for the '{field}' field is not valid: it must be an object with a 'ConnectionArn'.", configPointer);
            }

            return;
        }

        if (Static(configObject, AslFields.ConnectionArn, jsonata, configPointer, ctx, out var arnPointer) is { } arn &&
            !(arn is JsonString text && ConnectionArn().IsMatch(text.Value)))
        {
            ctx.Schema(
                "The value for the 'ConnectionArn' field is not valid: it must be an EventBridge connection ARN (arn:aws:events:<region>:<account>:connection/<name>/<id>).",
                arnPointer);
        }
    }

    private static void CheckEnum(ValidationContext ctx, JsonObject owner, string name, FrozenSet<string> allowed, string ownerPointer, bool jsonata)
    {
        if (Value(owner, name, jsonata) is { } value && !(value is JsonString text && allowed.Contains(text.Value)))
        {
            ctx.Schema(
                $"The value for the '{name}' field is not valid: use {string.Join(", ", allowed.Order(StringComparer.Ordinal))}.",
                JsonPointer.Append(ownerPointer, name));
        }
    }

    /// <summary>
    /// The static value of a required field, or null when it is computed (<c>name.$</c>, a JSONata expression);
    /// reports the field missing when neither form is there.
    /// </summary>
    private static JsonValue? Static(JsonObject owner, string name, bool jsonata, string ownerPointer, ValidationContext ctx, out string pointer)
    {
        pointer = JsonPointer.Append(ownerPointer, name);
        if (!Present(owner, name, jsonata))
        {
            ctx.Schema($"The field '{name}' is required but was missing.", ownerPointer);
            return null;
        }

        return Value(owner, name, jsonata);
    }

    private static bool Present(JsonObject owner, string name, bool jsonata) =>
        owner.ContainsKey(name) || (!jsonata && owner.ContainsKey(name + ".$"));

    /// <summary>The field's literal value, or null when it is absent or computed.</summary>
    private static JsonValue? Value(JsonObject owner, string name, bool jsonata) =>
        owner.TryGetValue(name, out var value) && !(jsonata && value is JsonString text && ValueChecks.IsJsonata(text.Value)) ? value : null;

    private static bool IsHttpUrl(JsonValue value) =>
        value is JsonString text &&
        Uri.TryCreate(text.Value, UriKind.Absolute, out var uri) &&
        (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp) &&
        uri.Host.Length > 0;

    [GeneratedRegex(@"^arn:[a-z0-9-]+:events:[a-z0-9-]*:[0-9]*:connection/\S+$", RegexOptions.CultureInvariant)]
    private static partial Regex ConnectionArn();
}
