using System.Runtime.ExceptionServices;

namespace StepFlow.Fuzz.Targets;

/// <summary>
/// Runs an input on a thread with a small stack (smaller than a thread-pool thread's), so a recursion
/// the engine does not bound overflows here first. The thread's exception is rethrown on the caller.
/// </summary>
internal sealed class SmallStack
{
    /// <summary>The stack size of the thread each input runs on.</summary>
    public const int StackBytes = 1024 * 1024;

    private readonly Thread _thread;
    private ExceptionDispatchInfo? _failure;

    private SmallStack(IFuzzTarget target, byte[] input)
    {
        _thread = new Thread(
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
                    _failure = ExceptionDispatchInfo.Capture(e);
                }
            },
            StackBytes)
        {
            IsBackground = true,
            Name = "fuzz input",
        };
    }

    /// <summary>Starts <paramref name="target"/> on <paramref name="input"/>.</summary>
    public static SmallStack Start(IFuzzTarget target, byte[] input)
    {
        var run = new SmallStack(target, input);
        run._thread.Start();
        return run;
    }

    /// <summary>Runs <paramref name="target"/> on <paramref name="input"/>; false when it did not finish within <paramref name="timeout"/>.</summary>
    public static bool Run(IFuzzTarget target, byte[] input, TimeSpan timeout) => Start(target, input).Wait(timeout);

    /// <summary>Waits for the run: false when it is still going after <paramref name="timeout"/>; rethrows what escaped it.</summary>
    public bool Wait(TimeSpan timeout)
    {
        if (!_thread.Join(timeout))
        {
            return false;
        }

        _failure?.Throw();
        return true;
    }
}
