using StepFlow.Json;

namespace StepFlow.Jsonata;

/// <summary>
/// A host function made available to expressions. Arguments are validated against <see cref="Signature"/>
/// (JSONata signature syntax, e.g. <c>&lt;a-n:a&gt;</c>) before <see cref="Implementation"/> runs; a null argument is undefined.
/// The implementation returns null for undefined and reports errors by throwing <see cref="JsonataException"/>.
/// </summary>
internal sealed class JsonataFunction
{
    /// <summary>Creates a host function.</summary>
    /// <param name="signature">The JSONata signature, or null to accept any arguments unchecked.</param>
    /// <param name="implementation">The implementation; it receives the validated arguments.</param>
    public JsonataFunction(string? signature, Func<IReadOnlyList<JsonValue?>, JsonValue?> implementation)
    {
        ArgumentNullException.ThrowIfNull(implementation);
        Signature = signature;
        Implementation = implementation;
    }

    /// <summary>
    /// A host function that draws randomness: <paramref name="implementation"/> also receives the evaluation's seeded
    /// source (<see cref="IJsonataBindings.Random"/>), or null when there is none.
    /// </summary>
    internal JsonataFunction(string? signature, Func<IReadOnlyList<JsonValue?>, Random?, JsonValue?> implementation)
    {
        Signature = signature;
        RandomImplementation = implementation;
        Implementation = args => implementation(args, null);
    }

    /// <summary>The implementation that takes the evaluation's seeded source of randomness, or null for an ordinary function.</summary>
    internal Func<IReadOnlyList<JsonValue?>, Random?, JsonValue?>? RandomImplementation { get; }

    /// <summary>The signature, e.g. <c>&lt;n?:n&gt;</c>.</summary>
    public string? Signature { get; }

    /// <summary>The implementation.</summary>
    public Func<IReadOnlyList<JsonValue?>, JsonValue?> Implementation { get; }
}
