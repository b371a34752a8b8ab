namespace StepFlow.CrashHost;

/// <summary>One ledger line: its kind, its value (a lifetime, an execution number or an idempotency key), the lifetime it was written in and its position in the ledger.</summary>
public sealed record LedgerEntry(LedgerEntryKind Kind, string Value, int Lifetime, int Position);
