using System.Diagnostics;
using System.Text;
using StepFlow.CrashHost;

namespace StepFlow.Sqlite.Tests.Crash;

/// <summary>One lifetime of the crash host: the process, what it printed, and the ledger's length when it began.</summary>
internal sealed class HostLifetime : IDisposable
{
    /// <summary>What a process killed by SIGKILL exits with (128 + 9).</summary>
    public const int KilledExitCode = 137;

    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly string _ledger;
    private readonly long _ledgerStart;

    private HostLifetime(Process process, string ledger, long ledgerStart)
    {
        _process = process;
        _ledger = ledger;
        _ledgerStart = ledgerStart;
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public static HostLifetime Start(HostOptions options)
    {
        var ledgerStart = File.Exists(options.Ledger) ? new FileInfo(options.Ledger).Length : 0;
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add("exec");
        info.ArgumentList.Add(typeof(CrashWorkflow).Assembly.Location);
        foreach (var argument in options.ToArguments())
        {
            info.ArgumentList.Add(argument);
        }

        return new HostLifetime(Process.Start(info) ?? throw new InvalidOperationException("dotnet did not start."), options.Ledger, ledgerStart);
    }

    /// <summary>
    /// Waits until the lifetime has done work: a ledger entry after its own lifetime line (a task outcome, a callback, a
    /// start, an answer). False when the process exits first or <paramref name="timeout"/> passes.
    /// </summary>
    public async Task<bool> WaitForWorkAsync(TimeSpan timeout)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < timeout && !_process.HasExited)
        {
            if (LinesSinceStart() >= 2)
            {
                return true;
            }

            await Task.Delay(2);
        }

        return false;
    }

    /// <summary>SIGKILL (the whole process at once, no clean-up of any kind).</summary>
    public void Kill() => _process.Kill(entireProcessTree: false);

    /// <summary>Waits for the process to exit; false when <paramref name="timeout"/> passes first.</summary>
    public async Task<bool> WaitForExitAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cancel.Token);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            _process.WaitForExit();
        }

        _process.Dispose();
    }

    private int LinesSinceStart()
    {
        if (!File.Exists(_ledger))
        {
            return 0;
        }

        using var file = new FileStream(_ledger, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        if (file.Length <= _ledgerStart)
        {
            return 0;
        }

        file.Position = _ledgerStart;
        var buffer = new byte[Math.Min(4096, file.Length - _ledgerStart)];
        var read = file.Read(buffer);
        return buffer.AsSpan(0, read).Count((byte)'\n');
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }
}
