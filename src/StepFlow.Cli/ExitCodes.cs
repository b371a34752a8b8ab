namespace StepFlow.Cli;

/// <summary>The process exit codes of the <c>stepflow</c> command.</summary>
public static class ExitCodes
{
    /// <summary>Success.</summary>
    public const int Success = 0;

    /// <summary>The execution failed, timed out or was aborted; or a benchmark run reported an error.</summary>
    public const int ExecutionFailed = 1;

    /// <summary>The definition (or the input JSON) is invalid.</summary>
    public const int Invalid = 2;

    /// <summary>A feature this build does not have yet.</summary>
    public const int NotAvailable = 3;

    /// <summary>The command line is wrong.</summary>
    public const int Usage = 64;

    /// <summary>A named file or folder does not exist.</summary>
    public const int NoInput = 66;
}
