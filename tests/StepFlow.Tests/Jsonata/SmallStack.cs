using System.Runtime.ExceptionServices;

namespace StepFlow.Tests.Jsonata;

/// <summary>
/// Runs code on a thread with a 256 KiB stack, so a recursion that only survives on a big stack (the 8 MiB main thread,
/// 1.5 MiB pool threads) overflows here and takes the test host down instead of passing.
/// </summary>
internal static class SmallStack
{
    public const int Size = 256 * 1024;

    public static T Run<T>(Func<T> work)
    {
        T result = default!;
        ExceptionDispatchInfo? failure = null;
        var thread = new Thread(
            () =>
            {
                try
                {
                    result = work();
                }
                catch (Exception e)
                {
                    failure = ExceptionDispatchInfo.Capture(e);
                }
            },
            Size);
        thread.Start();
        thread.Join();
        failure?.Throw();
        return result;
    }
}
