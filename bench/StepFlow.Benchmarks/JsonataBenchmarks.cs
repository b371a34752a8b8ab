using BenchmarkDotNet.Attributes;
using StepFlow.Json;
using StepFlow.Jsonata;

namespace StepFlow.Benchmarks;

/// <summary>
/// Compiled JSONata evaluation of expressions typical of ASL states: each expression is compiled once
/// (as the definition parser does) and evaluated per iteration.
/// </summary>
[MemoryDiagnoser]
public class JsonataBenchmarks
{
    private JsonValue _input = null!;
    private JsonataExpression _fieldSelection = null!;
    private JsonataExpression _sum = null!;
    private JsonataExpression _concatenation = null!;
    private JsonataExpression _objectConstructor = null!;

    [GlobalSetup]
    public void Setup()
    {
        var items = string.Join(",", Enumerable.Range(0, 1000).Select(i => $"{{\"price\":{i % 97},\"qty\":{(i % 5) + 1}}}"));
        _input = JsonValue.Parse("{\"order\":{\"id\":\"o-42\",\"customer\":{\"first\":\"Ada\",\"last\":\"Lovelace\"},\"items\":[" + items + "]}}");
        _fieldSelection = JsonataExpression.Compile("order.customer.last");
        _sum = JsonataExpression.Compile("$sum(order.items.price)");
        _concatenation = JsonataExpression.Compile("order.customer.first & ' ' & order.customer.last & ' (' & order.id & ')'");
        _objectConstructor = JsonataExpression.Compile("{'id': order.id, 'name': order.customer.first, 'count': $count(order.items)}");
    }

    [Benchmark]
    public JsonValue? FieldSelection() => _fieldSelection.Evaluate(_input);

    [Benchmark]
    public JsonValue? SumOverThousandItems() => _sum.Evaluate(_input);

    [Benchmark]
    public JsonValue? StringConcatenation() => _concatenation.Evaluate(_input);

    [Benchmark]
    public JsonValue? ObjectConstructor() => _objectConstructor.Evaluate(_input);
}
