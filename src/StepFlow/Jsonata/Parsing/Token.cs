namespace StepFlow.Jsonata.Parsing;

/// <summary>The lexical category of a token.</summary>
internal enum TokenType
{
    End,
    Name,
    Variable,
    Operator,
    String,
    Number,
    Value,
    Regex,
}

/// <summary>A token. <see cref="Position"/> is the offset just after it, as the reference reports.</summary>
internal readonly record struct Token(TokenType Type, string Text, int Position, double Number = 0, string? Flags = null)
{
    /// <summary>The symbol-table id: the operator text, or "(name)", "(literal)", "(regex)", "(end)".</summary>
    public string Id => Type switch
    {
        TokenType.Operator => Text,
        TokenType.Name or TokenType.Variable => "(name)",
        TokenType.String or TokenType.Number or TokenType.Value => "(literal)",
        TokenType.Regex => "(regex)",
        _ => "(end)",
    };
}
