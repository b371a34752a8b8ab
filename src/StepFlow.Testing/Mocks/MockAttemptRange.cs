using System.Globalization;

namespace StepFlow.Testing.Mocks;

/// <summary>
/// One entry of a mocked response: the attempts <see cref="First"/> to <see cref="Last"/> (0-based, inclusive) all answer
/// <see cref="Response"/>. The file writes it as the key <c>"3"</c> (one attempt) or <c>"1-2"</c> (a range).
/// </summary>
public sealed class MockAttemptRange
{
    internal MockAttemptRange(int first, int last, MockResponse response)
    {
        First = first;
        Last = last;
        Response = response;
    }

    /// <summary>The first attempt covered, 0-based.</summary>
    public int First { get; }

    /// <summary>The last attempt covered, inclusive.</summary>
    public int Last { get; }

    /// <summary>The answer for each attempt of the range.</summary>
    public MockResponse Response { get; }

    /// <summary>The key as the file would write it: <c>"3"</c> or <c>"1-2"</c>.</summary>
    public string Key => First == Last
        ? First.ToString(CultureInfo.InvariantCulture)
        : string.Create(CultureInfo.InvariantCulture, $"{First}-{Last}");

    /// <summary>Whether <paramref name="attempt"/> falls in the range.</summary>
    public bool Covers(int attempt) => attempt >= First && attempt <= Last;
}
