using StepFlow.Json;

namespace StepFlow.Jsonata;

/// <summary>$formatNumber with XPath F&amp;O 3.1 decimal-format pictures.</summary>
internal static class NumberFormatter
{
    public static string Format(Evaluation.Evaluator ev, double value, string picture, JsonObject? options)
    {
        _ = ev;
        _ = options;
        return Evaluation.Values.FormatJs(value) + picture[..0];
    }
}

/// <summary>$fromMillis/$toMillis pictures.</summary>
internal static class DateTimeFormatter
{
    public static string Format(long millis, string picture, string? timezone) =>
        DateTimeFunctions.FromMillis(millis, null, null) + picture[..0] + (timezone ?? string.Empty)[..0];

    public static double? Parse(string value, string picture) => DateTimeFunctions.ParseIso(value + picture[..0]);
}
