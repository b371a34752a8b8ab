using System.Runtime.InteropServices;

namespace StepFlow.Jsonata.Evaluation;

/// <summary>
/// The processor time the calling thread has used (user plus kernel): <c>clock_gettime(CLOCK_THREAD_CPUTIME_ID)</c>
/// on Linux and macOS, <c>GetThreadTimes</c> on Windows. Evaluation is synchronous, so it stays on one thread.
/// </summary>
internal static class ThreadCpuTime
{
    private const int LinuxThreadCpuClock = 3;
    private const int MacThreadCpuClock = 16;

    /// <summary>True when this platform can read a thread's processor time.</summary>
    public static bool IsSupported { get; } = Probe();

    /// <summary>The calling thread's processor time so far.</summary>
    public static TimeSpan Current()
    {
        if (OperatingSystem.IsWindows())
        {
            NativeMethods.GetThreadTimes(NativeMethods.GetCurrentThread(), out _, out _, out var kernel, out var user);
            return TimeSpan.FromTicks(kernel + user);
        }

        var clock = OperatingSystem.IsMacOS() ? MacThreadCpuClock : LinuxThreadCpuClock;
        NativeMethods.clock_gettime(clock, out var time);
        return TimeSpan.FromTicks((time.Seconds * TimeSpan.TicksPerSecond) + (time.Nanoseconds / 100));
    }

    private static bool Probe()
    {
        if (!OperatingSystem.IsWindows() && !OperatingSystem.IsLinux() && !OperatingSystem.IsMacOS())
        {
            return false;
        }

        try
        {
            return Current() > TimeSpan.Zero;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return false;
        }
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    private static class NativeMethods
    {
        [DllImport("libc", SetLastError = false)]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
#pragma warning disable SA1300, IDE1006 // The C function's own name.
        public static extern int clock_gettime(int clockId, out TimeSpec time);
#pragma warning restore SA1300, IDE1006

        [DllImport("kernel32", SetLastError = false)]
        [DefaultDllImportSearchPaths(DllImportSearchPath.System32)]
        public static extern IntPtr GetCurrentThread();

        [DllImport("kernel32", SetLastError = false)]
        [DefaultDllImportSearchPaths(DllImportSearchPath.System32)]
        [return: MarshalAs(UnmanagedType.Bool)]
        public static extern bool GetThreadTimes(IntPtr thread, out long creation, out long exit, out long kernel, out long user);
    }
}
