namespace StepFlow.Jsonata;

/// <summary>The JSONata language level an expression is compiled for.</summary>
internal enum JsonataLevel
{
    /// <summary>jsonata-js 2.0.6, the version AWS Step Functions documents: no <c>??</c> or <c>?:</c> operators.</summary>
    V2_0_6,

    /// <summary>jsonata-js 2.2.x: the full current language.</summary>
    V2_2,
}

/// <summary>How <see cref="JsonataOptions.TimeLimit"/> is measured.</summary>
internal enum JsonataTimeMeasure
{
    /// <summary>Elapsed time on <see cref="JsonataOptions.TimeProvider"/>: a busy machine makes evaluations time out sooner.</summary>
    WallClock,

    /// <summary>
    /// Processor time of the evaluating thread (evaluation is synchronous, so it runs on one thread): only the
    /// evaluation's own work counts. Falls back to <see cref="WallClock"/> where the platform cannot measure it.
    /// </summary>
    ThreadCpuTime,
}

/// <summary>Options for compiling and evaluating JSONata expressions.</summary>
internal sealed record JsonataOptions
{
    /// <summary>The defaults: level 2.2, depth 10,000, nesting 500, size 20,000,000, no time limit, the system clock.</summary>
    public static JsonataOptions Default { get; } = new();

    /// <summary>The language level; defaults to <see cref="JsonataLevel.V2_2"/>.</summary>
    public JsonataLevel Level { get; init; } = JsonataLevel.V2_2;

    /// <summary>
    /// The deepest nesting of evaluation steps (as counted by the reference implementation's evaluate entry hook).
    /// Deeper evaluation fails with U1001, as does running short of thread stack, so evaluation never overflows the stack.
    /// </summary>
    public int MaxDepth { get; init; } = 10_000;

    /// <summary>
    /// The deepest nesting an expression may have: brackets, braces, parentheses, function arguments and bodies,
    /// unary minus, conditionals and right-associative operators each add a level (default 500). Deeper expressions
    /// fail to compile with U1001. Operator chains such as <c>1 + 1 + ...</c> or <c>a.b.c...</c> do not nest: their
    /// length is not limited.
    /// </summary>
    public int MaxNestingDepth { get; init; } = 500;

    /// <summary>
    /// The longest an evaluation may run; exceeding it fails with U1001. Null (the default) means no limit. Checked
    /// every 256 evaluation steps, including the steps inside built-in functions' loops.
    /// </summary>
    public TimeSpan? TimeLimit { get; init; }

    /// <summary>How <see cref="TimeLimit"/> is measured; defaults to <see cref="JsonataTimeMeasure.WallClock"/>.</summary>
    public JsonataTimeMeasure TimeMeasure { get; init; } = JsonataTimeMeasure.WallClock;

    /// <summary>
    /// The most string characters, array items and object members one evaluation may create, in total (default
    /// 20,000,000); null means no limit. Built-in functions and constructors count a value before they allocate it, so
    /// <c>$pad("x", 1e9)</c> fails at once with U1001. The input and bindings are not counted.
    /// </summary>
    public long? SizeLimit { get; init; } = 20_000_000;

    /// <summary>The clock used by the time limit, <c>$now()</c> and <c>$millis()</c>; the system clock when null.</summary>
    public TimeProvider? TimeProvider { get; init; }

    /// <summary>The largest number of items a single sequence or array may hold; larger results fail with U1001.</summary>
    public long MaxResultItems { get; init; } = 20_000_000;

    /// <summary>Functions added to (or replacing) the built-in library, keyed by name without the <c>$</c>.</summary>
    public IReadOnlyDictionary<string, JsonataFunction>? ExtraFunctions { get; init; }

    /// <summary>Names (without <c>$</c>) of built-in functions to remove, e.g. <c>eval</c>.</summary>
    public IReadOnlyCollection<string>? RemovedFunctions { get; init; }
}
