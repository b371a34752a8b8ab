using System.Text;
using System.Text.Json;

namespace StepFlow.Parsing.Validation;

/// <summary>
/// Finds state names written twice in the same <c>States</c> object of the definition text. The JSON
/// model keeps only the last of duplicate keys, so this has to look at the text itself.
/// </summary>
internal static class DuplicateStateKeys
{
    public static void Check(ValidationContext ctx, string json)
    {
        if (!json.Contains("\"States\"", StringComparison.Ordinal))
        {
            return;
        }

        try
        {
            Scan(ctx, Encoding.UTF8.GetBytes(json));
        }
        catch (JsonException)
        {
            // The text already parsed once; a reader failure here only means no duplicate report.
        }
    }

    private static void Scan(ValidationContext ctx, byte[] utf8)
    {
        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { MaxDepth = 512 });
        var frames = new List<Frame>();
        string? pendingName = null;
        while (reader.Read())
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.PropertyName:
                    pendingName = reader.GetString()!;
                    var owner = frames[^1];
                    if (owner.IsStates && !owner.Keys!.Add(pendingName))
                    {
                        ctx.Error(
                            DiagnosticCodes.DuplicateStateName,
                            $"The state name '{ValueChecks.Truncate(pendingName)}' appears more than once in the same States object.",
                            PointerOf(frames, pendingName));
                    }

                    break;
                case JsonTokenType.StartObject or JsonTokenType.StartArray:
                    var token = TokenForChild(frames, pendingName);
                    var isStates = reader.TokenType == JsonTokenType.StartObject && frames.Count > 0 && frames[^1].IsObject &&
                        pendingName == "States" && IsMachine(frames);
                    frames.Add(new Frame(reader.TokenType == JsonTokenType.StartObject, isStates, token));
                    pendingName = null;
                    break;
                case JsonTokenType.EndObject or JsonTokenType.EndArray:
                    frames.RemoveAt(frames.Count - 1);
                    if (frames.Count > 0 && !frames[^1].IsObject)
                    {
                        frames[^1].ArrayIndex++;
                    }

                    break;
                default:
                    if (frames.Count > 0 && !frames[^1].IsObject)
                    {
                        frames[^1].ArrayIndex++;
                    }

                    break;
            }
        }
    }

    private static string? TokenForChild(List<Frame> frames, string? pendingName)
    {
        if (frames.Count == 0)
        {
            return null;
        }

        var parent = frames[^1];
        return parent.IsObject ? pendingName : parent.ArrayIndex.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>True when the innermost object is a state machine scope: the root, a Parallel branch or a Map processor.</summary>
    private static bool IsMachine(List<Frame> frames)
    {
        if (frames.Count == 1)
        {
            return true;
        }

        var self = frames[^1];
        if (self.Token is "ItemProcessor" or "Iterator")
        {
            return true;
        }

        return frames.Count >= 2 && frames[^2] is { IsObject: false, Token: "Branches" };
    }

    private static string PointerOf(List<Frame> frames, string name)
    {
        var pointer = string.Empty;
        for (var i = 1; i < frames.Count; i++)
        {
            pointer = JsonPointer.Append(pointer, frames[i].Token ?? string.Empty);
        }

        return JsonPointer.Append(pointer, name);
    }

    private sealed class Frame(bool isObject, bool isStates, string? token)
    {
        public bool IsObject { get; } = isObject;

        public bool IsStates { get; } = isStates;

        public string? Token { get; } = token;

        public HashSet<string>? Keys { get; } = isStates ? new HashSet<string>(StringComparer.Ordinal) : null;

        public int ArrayIndex { get; set; }
    }
}
