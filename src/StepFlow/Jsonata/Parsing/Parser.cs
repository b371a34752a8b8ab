using System.Globalization;
using System.Runtime.CompilerServices;
using StepFlow.Json;
using StepFlow.Jsonata.Ast;
using StepFlow.Jsonata.Evaluation;

namespace StepFlow.Jsonata.Parsing;

/// <summary>
/// A Pratt (top-down operator precedence) parser producing the raw AST, then post-processed.
/// Operator chains (<c>a + b + c</c>, <c>a.b.c</c>) are parsed in a loop; only true nesting (brackets, braces,
/// parentheses, arguments, unary minus, conditionals, right-associative operators) recurses, and its depth is bounded.
/// </summary>
internal sealed class Parser
{
    private readonly Tokenizer _lexer;
    private readonly bool _level22;
    private readonly int _maxNesting;
    private int _nesting;
    private Token _node;

    private Parser(string text, bool level22, int maxNesting)
    {
        _lexer = new Tokenizer(text, level22);
        _level22 = level22;
        _maxNesting = maxNesting;
    }

    /// <summary>Parses and post-processes an expression.</summary>
    /// <exception cref="JsonataException">A syntax error, or nesting deeper than <paramref name="maxNesting"/> (U1001).</exception>
    public static Node Parse(string text, bool level22, int maxNesting)
    {
        var parser = new Parser(text, level22, maxNesting);
        parser.Advance(null, false);
        var expr = parser.Expression(0);
        if (parser._node.Type != TokenType.End)
        {
            throw new JsonataException("S0201", $"Syntax error: \"{parser._node.Text}\"", parser._node.Position, parser._node.Text);
        }

        var ast = new AstProcessor().Process(expr);
        if (ast.Type == NodeType.Parent || ast.SeekingParent is not null)
        {
            throw new JsonataException("S0217", "The object representing the 'parent' cannot be derived from this expression", ast.Position, ast.Type.ToString().ToLowerInvariant());
        }

        return ast;
    }

    private static int BindingPower(in Token token)
    {
        if (token.Type != TokenType.Operator)
        {
            return 0;
        }

        return token.Text switch
        {
            "." => 75,
            "[" => 80,
            "{" => 70,
            "(" => 80,
            "@" => 80,
            "#" => 80,
            "?" => 20,
            "+" or "-" => 50,
            "*" or "/" or "%" => 60,
            "=" or "<" or ">" or "^" or "!=" or "<=" or ">=" or "~>" or "in" => 40,
            "**" => 60,
            ":=" => 10,
            "?:" or "??" => 40,
            "and" => 30,
            "or" => 25,
            "&" => 50,
            _ => 0,
        };
    }

    private static bool IsKnownOperator(string op) => op is "." or "[" or "]" or "{" or "}" or "(" or ")" or "," or "@" or "#" or ";"
        or ":" or "?" or "+" or "-" or "*" or "/" or "%" or "|" or "=" or "<" or ">" or "^" or "**" or ".." or ":=" or "!="
        or "<=" or ">=" or "~>" or "?:" or "??" or "and" or "or" or "in" or "&";

    private Token Advance(string? id, bool infix)
    {
        if (id is not null && _node.Id != id)
        {
            if (_node.Type == TokenType.End)
            {
                throw new JsonataException("S0203", $"Expected \"{id}\" before end of expression", _node.Position, id);
            }

            throw new JsonataException("S0202", $"Expected \"{id}\", got \"{_node.Text}\"", _node.Position, _node.Text);
        }

        var current = _node;
        var next = _lexer.Next(!infix);
        if (next.Type == TokenType.Operator && !IsKnownOperator(next.Text))
        {
            throw new JsonataException("S0204", $"Unknown operator: \"{next.Text}\"", next.Position, next.Text);
        }

        _node = next;
        return current;
    }

    private Node Expression(int rbp)
    {
        if (++_nesting > _maxNesting)
        {
            throw new JsonataException(
                "U1001",
                string.Create(CultureInfo.InvariantCulture, $"The expression is nested more than {_maxNesting} levels deep"),
                _node.Position,
                _node.Text);
        }

        if (!RuntimeHelpers.TryEnsureSufficientExecutionStack())
        {
            throw new JsonataException(
                "U1001",
                string.Create(CultureInfo.InvariantCulture, $"The expression is nested too deeply ({_nesting} levels) for the compiling thread's stack"),
                _node.Position,
                _node.Text);
        }

        var t = _node;
        Advance(null, true);
        var left = Nud(t);
        while (rbp < BindingPower(_node))
        {
            t = _node;
            Advance(null, false);
            left = Led(t, left);
        }

        _nesting--;
        return left;
    }

    private Node Nud(Token t)
    {
        switch (t.Type)
        {
            case TokenType.Name:
                return new NameNode(t.Position, t.Text);
            case TokenType.Variable:
                return new VariableNode(t.Position, t.Text);
            case TokenType.String:
                return new LiteralNode(NodeType.String, t.Position, new JsonString(t.Text), t.Text);
            case TokenType.Number:
                return new LiteralNode(NodeType.Number, t.Position, Values.Number(t.Number), t.Text);
            case TokenType.Value:
                return new LiteralNode(NodeType.Value, t.Position, t.Text switch
                {
                    "true" => JsonValue.True,
                    "false" => JsonValue.False,
                    _ => JsonValue.Null,
                }, t.Text);
            case TokenType.Regex:
                return new RegexNode(t.Position, t.Text, t.Flags ?? string.Empty, RegexSupport.Create(t.Text, t.Flags ?? string.Empty, t.Position));
            case TokenType.End:
                throw new JsonataException("S0207", "Unexpected end of expression", t.Position, t.Text);
        }

        switch (t.Text)
        {
            case "and" or "or" or "in":
                return new OperatorNode(t.Position, t.Text);
            case "-":
                return new NegateNode(t.Position, Expression(70));
            case "*":
                return new MarkerNode(NodeType.Wildcard, t.Position);
            case "**":
                return new MarkerNode(NodeType.Descendant, t.Position);
            case "%":
                return new MarkerNode(NodeType.Parent, t.Position);
            case "(":
                {
                    var expressions = new List<Node>();
                    while (_node.Id != ")")
                    {
                        expressions.Add(Expression(0));
                        if (_node.Id != ";")
                        {
                            break;
                        }

                        Advance(";", false);
                    }

                    Advance(")", true);
                    return new BlockNode(t.Position, expressions);
                }

            case "[":
                {
                    var items = new List<Node>();
                    if (_node.Id != "]")
                    {
                        while (true)
                        {
                            var item = Expression(0);
                            if (_node.Id == "..")
                            {
                                var position = _node.Position;
                                Advance("..", false);
                                item = new BinaryNode(NodeType.Binary, position, "..", item, Expression(0));
                            }

                            items.Add(item);
                            if (_node.Id != ",")
                            {
                                break;
                            }

                            Advance(",", false);
                        }
                    }

                    Advance("]", true);
                    return new ArrayNode(t.Position, items);
                }

            case "{":
                return new ObjectNode(t.Position, ObjectPairs(), null);
            case "|":
                {
                    var pattern = Expression(0);
                    Advance("|", false);
                    var update = Expression(0);
                    Node? delete = null;
                    if (_node.Id == ",")
                    {
                        Advance(",", false);
                        delete = Expression(0);
                    }

                    Advance("|", true);
                    return new TransformNode(t.Position, pattern, update, delete);
                }

            default:
                throw new JsonataException("S0211", $"The symbol \"{t.Text}\" cannot be used as a unary operator", t.Position, t.Text);
        }
    }

    private List<(Node Key, Node Value)> ObjectPairs()
    {
        var pairs = new List<(Node, Node)>();
        if (_node.Id != "}")
        {
            while (true)
            {
                var key = Expression(0);
                Advance(":", false);
                var value = Expression(0);
                pairs.Add((key, value));
                if (_node.Id != ",")
                {
                    break;
                }

                Advance(",", false);
            }
        }

        Advance("}", true);
        return pairs;
    }

    private Node Led(Token t, Node left)
    {
        var op = t.Text;
        var bp = BindingPower(t);
        switch (op)
        {
            case "(":
                return Call(t, left);
            case "[":
                {
                    if (_node.Id == "]")
                    {
                        var step = left;
                        while (step is BinaryNode { Type: NodeType.Binary, Operator: "[" } b)
                        {
                            step = b.Lhs;
                        }

                        step.KeepArray = true;
                        Advance("]", true);
                        return left;
                    }

                    var rhs = Expression(0);
                    Advance("]", true);
                    return new BinaryNode(NodeType.Binary, t.Position, "[", left, rhs);
                }

            case "{":
                return new ObjectNode(t.Position, ObjectPairs(), left);
            case "^":
                {
                    Advance("(", false);
                    var terms = new List<SortTerm>();
                    while (true)
                    {
                        var descending = false;
                        if (_node.Id == "<")
                        {
                            Advance("<", false);
                        }
                        else if (_node.Id == ">")
                        {
                            descending = true;
                            Advance(">", false);
                        }

                        terms.Add(new SortTerm(Expression(0), descending));
                        if (_node.Id != ",")
                        {
                            break;
                        }

                        Advance(",", false);
                    }

                    Advance(")", true);
                    return new SortNode(t.Position, terms, left);
                }

            case ":=":
                {
                    if (left is not VariableNode)
                    {
                        throw new JsonataException("S0212", "The left side of := must be a variable name (start with $)", left.Position, TokenText(left));
                    }

                    return new BinaryNode(NodeType.Bind, t.Position, ":=", left, Expression(bp - 1));
                }

            case "@" or "#":
                {
                    var rhs = Expression(bp);
                    if (rhs is not VariableNode)
                    {
                        throw new JsonataException("S0214", $"The right side of {op} must be a variable name (start with $)", rhs.Position, op);
                    }

                    return new BinaryNode(op == "@" ? NodeType.RawFocus : NodeType.RawIndex, t.Position, op, left, rhs);
                }

            case "?":
                {
                    var then = Expression(0);
                    Node? otherwise = null;
                    if (_node.Id == ":")
                    {
                        Advance(":", false);
                        otherwise = Expression(0);
                    }

                    return new ConditionNode(NodeType.Condition, t.Position, left, then, otherwise);
                }

            case "??":
                return new ConditionNode(NodeType.Coalesce, t.Position, left, left, Expression(0));
            case "?:":
                return new ConditionNode(NodeType.Default, t.Position, left, left, Expression(0));
            case "~>":
                return new BinaryNode(NodeType.Apply, t.Position, op, left, Expression(bp));
            case "." or "+" or "-" or "*" or "/" or "%" or "=" or "<" or ">" or "!=" or "<=" or ">=" or "&" or "and" or "or" or "in" or "..":
                return new BinaryNode(NodeType.Binary, t.Position, op, left, Expression(bp));
            default:
                throw new JsonataException("S0201", $"Syntax error: \"{op}\"", t.Position, op);
        }
    }

    private static string? TokenText(Node node) => node switch
    {
        NameNode n => n.Name,
        LiteralNode l => l.Text,
        OperatorNode o => o.Operator,
        _ => null,
    };

    private Node Call(Token t, Node left)
    {
        var arguments = new List<Node>();
        var partial = false;
        if (_node.Id != ")")
        {
            while (true)
            {
                if (_node.Type == TokenType.Operator && _node.Text == "?")
                {
                    partial = true;
                    arguments.Add(new OperatorNode(_node.Position, "?"));
                    Advance("?", false);
                }
                else
                {
                    arguments.Add(Expression(0));
                }

                if (_node.Id != ",")
                {
                    break;
                }

                Advance(",", false);
            }
        }

        Advance(")", true);
        if (left is NameNode { Name: "function" or "λ" })
        {
            var parameters = new List<string>();
            for (var i = 0; i < arguments.Count; i++)
            {
                if (arguments[i] is not VariableNode v)
                {
                    throw new JsonataException("S0208", $"Parameter {i + 1} of function definition must be a variable name (start with $)", arguments[i].Position, TokenText(arguments[i]));
                }

                parameters.Add(v.Name);
            }

            Signature? signature = null;
            if (_node.Id == "<")
            {
                var depth = 1;
                var text = new System.Text.StringBuilder("<");
                var sigPosition = _node.Position;
                while (depth > 0 && _node.Id != "{" && _node.Type != TokenType.End)
                {
                    Advance(null, false);
                    var tok = _node;
                    if (tok.Id == ">")
                    {
                        depth--;
                    }
                    else if (tok.Id == "<")
                    {
                        depth++;
                    }

                    text.Append(tok.Type == TokenType.Variable ? "$" + tok.Text : tok.Text);
                }

                Advance(">", false);
                signature = Signature.Parse(text.ToString(), sigPosition);
            }

            Advance("{", false);
            var body = Expression(0);
            Advance("}", true);
            return new LambdaNode(t.Position, parameters, signature, body, false);
        }

        return new CallNode(partial ? NodeType.Partial : NodeType.Function, t.Position, left, arguments);
    }
}
