using StepFlow.Json;
using StepFlow.Jsonata;

namespace StepFlow.Tests.Jsonata;

/// <summary>Deterministically mutated expressions end in a value or a JsonataException: never another exception, never a hang.</summary>
public sealed class JsonataRobustnessTests
{
    private static readonly string[] Seeds =
    [
        "Account.Order.Product.(Price * Quantity)",
        "$sum(Account.Order.Product.Price)",
        "Account.Order[0].Product[ProductID = 858383].SKU",
        "$map([1,2,3], function($v, $i){ $v * $i })",
        "($f := function($n){ $n <= 1 ? 1 : $n * $f($n - 1) }; $f(5))",
        "{ 'a': [1..5], 'b': $string(3.5) & 'x' }",
        "Account.Order.Product{ $string(ProductID): Price }",
        "Account.Order.Product^(>Price).SKU",
        "$replace('hello world', /o/, function($m){ $uppercase($m.match) })",
        "library.loans@$L.books@$B[$L.isbn = $B.isbn].{ 'title': $B.title }",
        "$ ~> |Account.Order.Product|{'Price': Price * 2}, ['Description']|",
        "$reduce([1..10], function($a, $b){ $a + $b }, 0)",
        "Account.Order.Product#$i[$i > 0].%.OrderID",
        "a ?? b ?: 'c'",
        "$formatNumber(1234.5, '#,##0.00') & $formatBase(255, 16)",
        "$split('a,b,c', ',', 2) ~> $join('-')",
        "$sort(Account.Order.Product, function($l, $r){ $l.Price > $r.Price })",
        "[1,2,3][$ > 1].($ * 2)",
        "$match('abc123', /([a-z]+)([0-9]+)/).groups",
        "$fromMillis(1510067557121, '[Y0001]-[M01]-[D01]')",
    ];

    private static readonly string[] Fragments =
    [
        "(", ")", "[", "]", "{", "}", ".", ",", ";", ":", "?", "??", "?:", "$", "$$", "%", "*", "**", "#", "@", "^(", "~>", "|",
        ":=", "..", "&", "and", "or", "in", "function", "λ", "/x/", "\"", "'", "`", "0", "-1", "1e400", "null", "true", "$x", "$f()", "<", ">",
    ];

    private static readonly JsonValue Data = JsonValue.Parse(
        """
        {"Account":{"Order":[{"OrderID":"o1","Product":[{"ProductID":858383,"SKU":"a","Price":34.45,"Quantity":2,"Description":{"Colour":"Purple"}},
        {"ProductID":345664,"SKU":"b","Price":21.67,"Quantity":1}]},{"OrderID":"o2","Product":[{"ProductID":858236,"SKU":"c","Price":107.99,"Quantity":1}]}]},
        "library":{"books":[{"isbn":"1","title":"T"}],"loans":[{"isbn":"1","customer":"c"}]},"a":null,"b":[1,2]}
        """);

    public static TheoryData<int> MutationIndexes()
    {
        var data = new TheoryData<int>();
        for (var i = 0; i < 240; i++)
        {
            data.Add(i);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(MutationIndexes))]
    public void MutatedExpression_EndsInAValueOrAJsonataException(int index)
    {
        var expression = Mutate(index);
        var options = new JsonataOptions { TimeLimit = TimeSpan.FromSeconds(2), MaxDepth = 2000, MaxResultItems = 1_000_000 };

        var outcome = Run(expression, options);

        outcome.Should().BeOneOf(["value", "error"], $"expression: {expression}");
    }

    private static string Run(string expression, JsonataOptions options)
    {
        try
        {
            JsonataExpression.Compile(expression, options).Evaluate(Data);
            return "value";
        }
        catch (JsonataException e)
        {
            e.Code.Should().MatchRegex("^[STDU][0-9]{4}$");
            return "error";
        }
    }

    /// <summary>A deterministic mutation: a seed with fragments inserted, deleted or swapped, chosen by a fixed-seed generator.</summary>
    private static string Mutate(int index)
    {
        var random = new Random(index * 7919);
        var text = Seeds[index % Seeds.Length];
        var edits = 1 + (index % 4);
        for (var e = 0; e < edits; e++)
        {
            var position = random.Next(text.Length + 1);
            switch (random.Next(4))
            {
                case 0:
                    text = text.Insert(position, Fragments[random.Next(Fragments.Length)]);
                    break;
                case 1 when text.Length > 1:
                    var length = Math.Min(1 + random.Next(4), text.Length - Math.Min(position, text.Length - 1));
                    text = text.Remove(Math.Min(position, text.Length - 1), Math.Max(1, length));
                    break;
                case 2:
                    text = text[..position] + Fragments[random.Next(Fragments.Length)] + text[Math.Min(text.Length, position + 2)..];
                    break;
                default:
                    var other = Seeds[random.Next(Seeds.Length)];
                    var cut = random.Next(other.Length);
                    text = text[..position] + other[cut..];
                    break;
            }
        }

        return text;
    }
}
