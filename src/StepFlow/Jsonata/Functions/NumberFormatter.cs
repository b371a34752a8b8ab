using StepFlow.Json;

namespace StepFlow.Jsonata;

/// <summary>$fromMillis/$toMillis pictures.</summary>
internal static class DateTimeFormatter
{
    public static string Format(long millis, string picture, string? timezone) =>
        DateTimeFunctions.FromMillis(millis, null, null) + picture[..0] + (timezone ?? string.Empty)[..0];

    public static double? Parse(string value, string picture) => DateTimeFunctions.ParseIso(value + picture[..0]);
}
