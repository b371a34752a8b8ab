namespace StepFlow.CrashHost;

/// <summary>What a ledger line records; the letter starts the line.</summary>
public enum LedgerEntryKind
{
    /// <summary><c>L n</c>: process lifetime n began (written before anything else it does).</summary>
    Lifetime = 'L',

    /// <summary><c>S i</c>: StartExecution of execution i was acknowledged (it returned, or said the name exists).</summary>
    Start = 'S',

    /// <summary><c>T key</c>: the work handler is returning the outcome of the task attempt <c>key</c> to the engine.</summary>
    TaskOutcome = 'T',

    /// <summary><c>C key</c>: the engine handed the callback attempt <c>key</c>'s token out (to the callback driver).</summary>
    Callback = 'C',

    /// <summary><c>A key</c>: SendTaskSuccess for the callback attempt <c>key</c> was acknowledged.</summary>
    Answer = 'A',

    /// <summary><c>R key</c>: the engine handed out the token of a callback whose answer was acknowledged; not answered again.</summary>
    Reasked = 'R',
}
