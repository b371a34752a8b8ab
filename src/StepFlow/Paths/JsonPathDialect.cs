namespace StepFlow.Paths;

/// <summary>Which JSONPath rules a path is parsed and evaluated with.</summary>
internal enum JsonPathDialect
{
    /// <summary>
    /// The Amazon States Language dialect (Jayway rules plus AWS's restrictions): <c>$$</c> and
    /// <c>$name</c> roots, lenient dot-notation names, <c>[?(@.x &gt; 1)]</c> filters that only see
    /// objects, no filter functions, no slice steps, definite results unwrapped.
    /// </summary>
    Asl,

    /// <summary>Strict RFC 9535 JSONPath: the result is always a nodelist.</summary>
    Rfc9535,
}
