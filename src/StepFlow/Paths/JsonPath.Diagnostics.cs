using System.Text;
using StepFlow.Json;
using StepFlow.Paths.Syntax;

namespace StepFlow.Paths;

/// <summary>Explaining, in AWS's (Jayway's) words, why a definite path selects nothing.</summary>
internal sealed partial class JsonPath
{
    /// <summary>
    /// Explains why this definite path selects nothing in <paramref name="scope"/>, in the words AWS
    /// reports (from Jayway), e.g. <c>Missing property in path $['no']</c>. Returns null when the path
    /// does select a value, or when it is indefinite (an indefinite path never fails).
    /// </summary>
    public string? DescribeMissing(in PathScope scope)
    {
        if (!TryGetRoot(scope, out var root))
        {
            return $"The variable '{VariableName}' is not defined";
        }

        return DescribeMissing(root);
    }

    /// <summary>
    /// The AWS cause for an <c>InputPath</c>/<c>OutputPath</c> that selects nothing:
    /// <c>Invalid path '$.no.such' : Missing property in path $['no']</c>; null when the path selects a value.
    /// </summary>
    public string? DescribeInvalidPath(in PathScope scope) =>
        DescribeMissing(scope) is { } reason ? $"Invalid path '{Text}' : {reason}" : null;

    /// <summary>As <see cref="DescribeMissing(in PathScope)"/>, against the value the path's root denotes.</summary>
    public string? DescribeMissing(JsonValue root)
    {
        ArgumentNullException.ThrowIfNull(root);
        var steps = _steps;
        if (steps is null)
        {
            return null;
        }

        var current = root;
        for (var i = 0; i < steps.Length; i++)
        {
            var next = steps[i].Apply(current);
            if (next is null)
            {
                return DescribeFailedStep(i, current);
            }

            current = next;
        }

        if (_mergedNames is not null && current is not JsonObject)
        {
            var builder = new StringBuilder("Expected to find an object with properties in path ");
            AppendNormalizedPrefix(builder, steps.Length);
            return builder.Append(" but found ").Append(Article(current)).Append(' ').Append(current.KindName).ToString();
        }

        return null;
    }

    private string DescribeFailedStep(int position, JsonValue parent)
    {
        var step = _steps![position];
        var builder = new StringBuilder();
        if (step.Name is not null && parent is JsonObject)
        {
            builder.Append("Missing property in path ");
            AppendNormalizedPrefix(builder, position + 1);
            return builder.ToString();
        }

        if (step.Name is null && parent is JsonArray array)
        {
            builder.Append("Index ").Append(step.Index).Append(" is out of bounds for an array of length ").Append(array.Count).Append(" in path ");
            AppendNormalizedPrefix(builder, position + 1);
            return builder.ToString();
        }

        builder.Append("Expected to find ").Append(step.Name is null ? "an array with index " : "an object with property ");
        step.AppendNormalized(builder);
        builder.Append(" in path ");
        AppendNormalizedPrefix(builder, position);
        builder.Append(" but found ").Append(Article(parent)).Append(' ').Append(parent.KindName);
        return builder.ToString();
    }

    /// <summary>Writes the normalized path of the first <paramref name="count"/> steps, e.g. <c>$['a'][0]</c>.</summary>
    private void AppendNormalizedPrefix(StringBuilder builder, int count)
    {
        builder.Append('$');
        if (Root == PathRoot.Variable)
        {
            builder.Append(VariableName);
        }

        for (var i = 0; i < count; i++)
        {
            _steps![i].AppendNormalized(builder);
        }
    }
}
