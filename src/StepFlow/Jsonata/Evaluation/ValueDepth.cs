using System.Globalization;
using System.Runtime.CompilerServices;

namespace StepFlow.Jsonata.Evaluation;

/// <summary>
/// Bounds the recursion of walks over values (equality, <c>$string</c>, flattening, descendants, lookups, freezing,
/// transforms). Values nest without limit: a tail-recursive function can wrap one array in another a million times
/// in constant stack. A walk passes its depth along; every 16 levels the depth and the thread's remaining stack are
/// checked, and a walk too deep fails with U1001 instead of overflowing the stack.
/// </summary>
internal static class ValueDepth
{
    /// <summary>The deepest nesting of a value that built-in functions walk.</summary>
    public const int Max = 10_000;

    /// <summary>Checks a walk entering a value at <paramref name="depth"/> (0 for the value itself).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Check(int depth)
    {
        if ((depth & 15) == 15)
        {
            CheckNow(depth);
        }
    }

    private static void CheckNow(int depth)
    {
        if (depth > Max || !RuntimeHelpers.TryEnsureSufficientExecutionStack())
        {
            throw new JsonataException(
                "U1001",
                string.Create(CultureInfo.InvariantCulture, $"Stack overflow error: a value is nested too deeply to process (the limit is {Max} levels)"));
        }
    }
}
