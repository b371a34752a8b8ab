using System.Runtime.ExceptionServices;

namespace StepFlow.Tests.Support;

/// <summary>
/// Runs work on a thread with a small stack, so that a test catches recursion that survives only on the main thread's
/// 8 MB (a thread-pool thread has 1.5 MB on Linux). A real overflow would still end the test host: these tests assert
/// the bound that prevents it, and their failing-before state is checked in a separate process.
/// </summary>
internal static class SmallStack
{
    /// <summary>512 KiB: a third of a thread-pool thread's, and room for the JSON parser's 512 levels in unoptimised (tier-0) code, whose frames are larger.</summary>
    public const int Size = 512 * 1024;

    public static T Run<T>(Func<T> work) => Run(work, Size);

    /// <summary>Runs <paramref name="work"/> on a thread of <paramref name="stackSize"/> bytes.</summary>
    public static T Run<T>(Func<T> work, int stackSize)
    {
        T result = default!;
        ExceptionDispatchInfo? error = null;
        var thread = new Thread(
            () =>
            {
                try
                {
                    result = work();
                }
                catch (Exception e)
                {
                    error = ExceptionDispatchInfo.Capture(e);
                }
            },
            stackSize);
        thread.Start();
        thread.Join();
        error?.Throw();
        return result;
    }

    public static void Run(Action work) => Run(() =>
    {
        work();
        return 0;
    });
}
