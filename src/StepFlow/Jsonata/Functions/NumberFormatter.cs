using StepFlow.Json;

namespace StepFlow.Jsonata;

/// <summary>$toMillis pictures (parsing is limited to what ISO 8601 and simple numeric pictures need).</summary>
internal static class DateTimeParser
{
    public static double? Parse(string value, string picture) => DateTimeFunctions.ParseIso(value + picture[..0]);
}
