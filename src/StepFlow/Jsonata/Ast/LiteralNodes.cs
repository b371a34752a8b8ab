using System.Text.RegularExpressions;
using StepFlow.Json;

namespace StepFlow.Jsonata.Ast;

/// <summary>A string, number, or <c>true</c>/<c>false</c>/<c>null</c> literal.</summary>
internal sealed class LiteralNode : Node
{
    public LiteralNode(NodeType type, int position, JsonValue value, string text)
        : base(type, position)
    {
        Value = value;
        Text = text;
    }

    public JsonValue Value { get; set; }

    /// <summary>The literal as written (strings unescaped); used when a string literal becomes a field name.</summary>
    public string Text { get; set; }
}

/// <summary>A regular expression literal <c>/.../flags</c>.</summary>
internal sealed class RegexNode : Node
{
    public RegexNode(int position, string pattern, string flags, Regex regex)
        : base(NodeType.Regex, position)
    {
        Pattern = pattern;
        Flags = flags;
        Regex = regex;
    }

    public string Pattern { get; }

    public string Flags { get; }

    public Regex Regex { get; }
}
