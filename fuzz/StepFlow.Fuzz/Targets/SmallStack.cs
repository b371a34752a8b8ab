using System.Runtime.ExceptionServices;

namespace StepFlow.Fuzz.Targets;

/// <summary>
/// Runs an input on a thread with a small stack (smaller than a thread-pool thread's), so a recursion
/// the engine does not bound overflows here first. The thread's exception is rethrown on the caller.
/// </summary>
internal static class SmallStack
{
    /// <summary>The stack size of the thread each input runs on.</summary>
    public const int StackBytes = 1024 * 1024;

    /// <summary>Runs <paramref name="target"/> on <paramref name="input"/>; false when it did not finish within <paramref name="timeout"/>.</summary>
    public static bool Run(IFuzzTarget target, byte[] input, TimeSpan timeout)
    {
        ExceptionDispatchInfo? failure = null;
        var thread = new Thread(
            () =>
            {
                try
                {
                    target.Run(input);
                }
#pragma warning disable CA1031 // Any exception is carried to the caller, which decides.
                catch (Exception e)
#pragma warning restore CA1031
                {
                    failure = ExceptionDispatchInfo.Capture(e);
                }
            },
            StackBytes)
        {
            IsBackground = true,
            Name = "fuzz input",
        };
        thread.Start();
        if (!thread.Join(timeout))
        {
            return false;
        }

        failure?.Throw();
        return true;
    }
}
