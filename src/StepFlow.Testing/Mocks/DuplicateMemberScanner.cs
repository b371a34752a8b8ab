using System.Text.Json;
using StepFlow.Json;
using StepFlow.Parsing;

namespace StepFlow.Testing.Mocks;

/// <summary>
/// Finds member names written twice in one object. <see cref="JsonValue.Parse(ReadOnlySpan{byte}, JsonParseOptions?)"/>
/// keeps the last value silently, so this walks the text once more with <see cref="Utf8JsonReader"/> (no tree, one set of
/// names per open object). Names inside a <c>Return</c> value are the mocked service's data and are not checked.
/// </summary>
internal static class DuplicateMemberScanner
{
    /// <summary>Adds an error for each duplicate in <paramref name="utf8"/>, text that has already parsed.</summary>
    public static void Scan(ReadOnlySpan<byte> utf8, List<MockConfigError> errors)
    {
        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { MaxDepth = JsonValue.MaxDepth + 1 });
        var frames = new Stack<Frame>();
        string? name = null;
        try
        {
            while (reader.Read())
            {
                switch (reader.TokenType)
                {
                    case JsonTokenType.PropertyName:
                        name = reader.GetString()!;
                        var frame = frames.Peek();
                        if (!frame.Names!.Add(name) && !frame.InsideReturn)
                        {
                            errors.Add(new MockConfigError(
                                MockConfigErrorCodes.DuplicateField,
                                $"the member '{name}' is written more than once in this object; names must be unique",
                                JsonPointer.Append(frame.Pointer, name)));
                        }

                        break;
                    case JsonTokenType.StartObject:
                    case JsonTokenType.StartArray:
                        var pointer = ChildPointer(frames, name);
                        var parent = frames.Count == 0 ? null : frames.Peek();
                        var insideReturn = parent is not null && (parent.InsideReturn || (name == "Return" && frames.Count == 4 && IsUnderMockedResponses(frames)));
                        frames.Push(new Frame(pointer, reader.TokenType == JsonTokenType.StartObject, insideReturn));
                        break;
                    case JsonTokenType.EndObject:
                    case JsonTokenType.EndArray:
                        frames.Pop();
                        break;
                    default:
                        ChildPointer(frames, name);
                        break;
                }
            }
        }
        catch (JsonException)
        {
            // The text parsed once already; should the two readers ever disagree, the parse's verdict stands.
        }
    }

    /// <summary>Whether the open objects are root → MockedResponses → a mocked response → an attempt's entry.</summary>
    private static bool IsUnderMockedResponses(Stack<Frame> frames)
    {
        var path = frames.ToArray(); // innermost first
        return path[2].Pointer == "/MockedResponses";
    }

    /// <summary>The pointer of the value about to be read; advances the index of an enclosing array.</summary>
    private static string ChildPointer(Stack<Frame> frames, string? name)
    {
        if (frames.Count == 0)
        {
            return string.Empty;
        }

        var parent = frames.Peek();
        return parent.IsObject ? JsonPointer.Append(parent.Pointer, name!) : JsonPointer.Append(parent.Pointer, parent.Index++);
    }

    private sealed class Frame(string pointer, bool isObject, bool insideReturn)
    {
        public string Pointer { get; } = pointer;

        public bool IsObject { get; } = isObject;

        public bool InsideReturn { get; } = insideReturn;

        public HashSet<string>? Names { get; } = isObject ? new(StringComparer.Ordinal) : null;

        public int Index { get; set; }
    }
}
