using System.Text;
using System.Text.Json;
using StepFlow.Persistence;

namespace StepFlow.Server;

/// <summary>How values look on the wire in AWS JSON 1.0: timestamps as epoch seconds, enums in UPPER_SNAKE_CASE.</summary>
internal static class WireFormat
{
    public static void WriteDate(this Utf8JsonWriter writer, string name, DateTimeOffset date) =>
        writer.WriteNumber(name, date.ToUnixTimeMilliseconds() / 1000m);

    public static void WriteDateIfSet(this Utf8JsonWriter writer, string name, DateTimeOffset? date)
    {
        if (date is { } value)
        {
            writer.WriteDate(name, value);
        }
    }

    public static void WriteStringIfSet(this Utf8JsonWriter writer, string name, string? value)
    {
        if (value is not null)
        {
            writer.WriteString(name, value);
        }
    }

    /// <summary><c>TimedOut</c> → <c>TIMED_OUT</c>.</summary>
    public static string UpperSnake(string pascal)
    {
        var text = new StringBuilder(pascal.Length + 4);
        for (var i = 0; i < pascal.Length; i++)
        {
            if (i > 0 && char.IsUpper(pascal[i]))
            {
                text.Append('_');
            }

            text.Append(char.ToUpperInvariant(pascal[i]));
        }

        return text.ToString();
    }

    public static string Status(ExecutionStatus status) => status switch
    {
        ExecutionStatus.Running => "RUNNING",
        ExecutionStatus.Succeeded => "SUCCEEDED",
        ExecutionStatus.Failed => "FAILED",
        ExecutionStatus.TimedOut => "TIMED_OUT",
        ExecutionStatus.Aborted => "ABORTED",
        _ => UpperSnake(status.ToString()),
    };

    /// <summary>The status named by an API value (<c>TIMED_OUT</c>), or a ValidationException naming the member.</summary>
    public static ExecutionStatus ParseStatus(string value, string member)
    {
        foreach (var status in Enum.GetValues<ExecutionStatus>())
        {
            if (string.Equals(Status(status), value, StringComparison.Ordinal))
            {
                return status;
            }
        }

        throw new ApiError(
            ApiErrorNames.ValidationException,
            $"1 validation error detected: Value '{value}' at '{member}' failed to satisfy constraint: Member must satisfy enum value set: [{string.Join(", ", Enum.GetValues<ExecutionStatus>().Select(Status))}]");
    }
}
