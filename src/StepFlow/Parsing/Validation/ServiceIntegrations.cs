using System.Collections.Frozen;

namespace StepFlow.Parsing.Validation;

/// <summary>
/// The service integrations AWS recognizes in a Task <c>Resource</c> of the form <c>arn:partition:states:::service:action[.pattern]</c>,
/// with the integration patterns each supports besides Request Response. The table is the Step Functions developer
/// guide's "Integrating optimized services" table (plus the HTTP Task, and AWS SDK integrations, which support
/// Request Response and <c>.waitForTaskToken</c> but not <c>.sync</c>). Actions are not checked: a known service with any
/// action name passes, and so does any AWS SDK service name (AWS knows over two hundred).
/// </summary>
internal static class ServiceIntegrations
{
    /// <summary>The integration patterns beyond Request Response (which every integration supports).</summary>
    [Flags]
    public enum Patterns
    {
        /// <summary>Request Response only.</summary>
        None = 0,

        /// <summary><c>.sync</c> (Run a Job).</summary>
        Sync = 1,

        /// <summary><c>.sync:2</c> (Run a Job, output as JSON; nested Step Functions executions).</summary>
        Sync2 = 2,

        /// <summary><c>.waitForTaskToken</c> (Wait for Callback).</summary>
        Callback = 4,
    }

    /// <summary>The AWS SDK integrations' service prefix: <c>aws-sdk:service:action</c>.</summary>
    public const string AwsSdk = "aws-sdk";

    private static readonly FrozenDictionary<string, Patterns> Services = new Dictionary<string, Patterns>(StringComparer.Ordinal)
    {
        ["apigateway"] = Patterns.Callback,
        ["athena"] = Patterns.Sync,
        ["batch"] = Patterns.Sync,
        ["bedrock"] = Patterns.Sync | Patterns.Callback,
        ["codebuild"] = Patterns.Sync,
        ["dynamodb"] = Patterns.None,
        ["ecs"] = Patterns.Sync | Patterns.Callback,
        ["eks"] = Patterns.Sync | Patterns.Callback,
        ["elasticmapreduce"] = Patterns.Sync,
        ["emr-containers"] = Patterns.Sync,
        ["emr-serverless"] = Patterns.Sync,
        ["events"] = Patterns.Callback,
        ["glue"] = Patterns.Sync,
        ["databrew"] = Patterns.Sync,
        ["lambda"] = Patterns.Callback,
        ["mediaconvert"] = Patterns.Sync,
        ["sagemaker"] = Patterns.Sync,
        ["sns"] = Patterns.Callback,
        ["sqs"] = Patterns.Callback,
        ["states"] = Patterns.Sync | Patterns.Sync2 | Patterns.Callback,
        ["http"] = Patterns.None,
        [AwsSdk] = Patterns.Callback,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    private static readonly FrozenDictionary<string, Patterns>.AlternateLookup<ReadOnlySpan<char>> ByName =
        Services.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>
    /// Null when <paramref name="integration"/> (the part after <c>arn:partition:states:::</c>) is an integration AWS
    /// recognizes; otherwise why not, for the diagnostic.
    /// </summary>
    public static string? Problem(ReadOnlySpan<char> integration)
    {
        var colon = integration.IndexOf(':');
        if (colon <= 0)
        {
            return "it names no 'service:action'";
        }

        var service = integration[..colon];
        if (!ByName.TryGetValue(service, out var patterns))
        {
            return $"'{service}' is not a Step Functions service integration";
        }

        var rest = integration[(colon + 1)..];
        var dot = rest.IndexOf('.');
        var action = dot < 0 ? rest : rest[..dot];
        var isSdk = service.SequenceEqual(AwsSdk);
        var actionColon = action.IndexOf(':');
        if (action.IsEmpty || (isSdk ? actionColon <= 0 || actionColon == action.Length - 1 || action[(actionColon + 1)..].Contains(':') : actionColon >= 0))
        {
            return isSdk ? "an AWS SDK integration is 'aws-sdk:service:action'" : $"it names no action of '{service}'";
        }

        if (dot < 0)
        {
            return null;
        }

        var pattern = rest[(dot + 1)..];
        var needed = pattern switch
        {
            "sync" => Patterns.Sync,
            "sync:2" => Patterns.Sync2,
            "waitForTaskToken" => Patterns.Callback,
            _ => (Patterns?)null,
        };

        if (needed is null)
        {
            return $"'.{pattern}' is not an integration pattern (.sync, .sync:2, .waitForTaskToken)";
        }

        return (patterns & needed.Value) == 0 ? $"'{service}' does not support the '.{pattern}' integration pattern" : null;
    }
}
