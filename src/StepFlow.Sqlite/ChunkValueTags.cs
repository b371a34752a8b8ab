namespace StepFlow.Sqlite;

/// <summary>
/// The first byte of each JSON value in an event chunk (format 2). An object is its member count, then per member its
/// name and value; an array its item count, then its items; a string or a non-integer number's text is a chunk string;
/// an integer is zig-zag LEB128; a reference is the position of an object or array the chunk already holds, numbered in
/// the order they first appear.
/// </summary>
internal static class ChunkValueTags
{
    public const byte Null = 0;
    public const byte False = 1;
    public const byte True = 2;
    public const byte Integer = 3;
    public const byte NumberText = 4;
    public const byte String = 5;
    public const byte Object = 6;
    public const byte Array = 7;
    public const byte Reference = 8;
}
