using StepFlow.Json;

namespace StepFlow.Jsonata;

/// <summary>
/// An error raised while compiling or evaluating a JSONata expression. <see cref="Code"/> follows the
/// reference implementation: S0xxx syntax, T0xxx-T2xxx type, D1xxx-D3xxx dynamic, U1001 limits.
/// </summary>
internal sealed class JsonataException : Exception
{
    /// <summary>Creates an error with a code and a message.</summary>
    public JsonataException(string code, string message, int position = -1, string? token = null, JsonValue? value = null)
        : base(message)
    {
        Code = code;
        Position = position;
        Token = token;
        Value = value;
    }

    /// <summary>Creates an error with an inner exception.</summary>
    public JsonataException(string code, string message, Exception innerException)
        : base(message, innerException)
    {
        Code = code;
        Position = -1;
    }

    /// <summary>The reference error code, e.g. <c>T2001</c>.</summary>
    public string Code { get; }

    /// <summary>The character offset in the expression the error refers to, or -1.</summary>
    public int Position { get; internal set; }

    /// <summary>The token (operator or function name) the error refers to, if any.</summary>
    public string? Token { get; internal set; }

    /// <summary>The offending value, if any (null when undefined or not applicable).</summary>
    public JsonValue? Value { get; }

    /// <summary>True when the message was supplied by the expression itself ($error, $assert).</summary>
    public bool IsUserMessage { get; init; }
}
