namespace StepFlow.Jsonata;

/// <summary>The JSONata language level an expression is compiled for.</summary>
public enum JsonataLevel
{
    /// <summary>jsonata-js 2.0.6, the version AWS Step Functions documents: no <c>??</c> or <c>?:</c> operators.</summary>
    V2_0_6,

    /// <summary>jsonata-js 2.2.x: the full current language.</summary>
    V2_2,
}

/// <summary>Options for compiling and evaluating JSONata expressions.</summary>
public sealed record JsonataOptions
{
    /// <summary>The defaults: level 2.2, depth 10,000, no time limit, the system clock.</summary>
    public static JsonataOptions Default { get; } = new();

    /// <summary>The language level; defaults to <see cref="JsonataLevel.V2_2"/>.</summary>
    public JsonataLevel Level { get; init; } = JsonataLevel.V2_2;

    /// <summary>
    /// The deepest nesting of evaluation steps (as counted by the reference implementation's evaluate entry hook).
    /// Deeper evaluation fails with U1001, as does running short of thread stack, so evaluation never overflows the stack.
    /// </summary>
    public int MaxDepth { get; init; } = 10_000;

    /// <summary>The longest an evaluation may run; exceeding it fails with U1001. Null means no limit.</summary>
    public TimeSpan? TimeLimit { get; init; }

    /// <summary>The clock used by the time limit, <c>$now()</c> and <c>$millis()</c>; the system clock when null.</summary>
    public TimeProvider? TimeProvider { get; init; }

    /// <summary>The largest number of items a single sequence or array may hold; larger results fail with U1001.</summary>
    public long MaxResultItems { get; init; } = 20_000_000;

    /// <summary>Functions added to (or replacing) the built-in library, keyed by name without the <c>$</c>.</summary>
    public IReadOnlyDictionary<string, JsonataFunction>? ExtraFunctions { get; init; }

    /// <summary>Names (without <c>$</c>) of built-in functions to remove, e.g. <c>eval</c>.</summary>
    public IReadOnlyCollection<string>? RemovedFunctions { get; init; }
}
