using BenchmarkDotNet.Attributes;
using StepFlow.Definition;
using StepFlow.Definition.Choice;
using StepFlow.Definition.States;
using StepFlow.Json;
using StepFlow.Parsing;
using StepFlow.Paths;

namespace StepFlow.Benchmarks;

/// <summary>
/// Micro-benchmarks of the per-state hot paths: JSONPath evaluation, payload templates and Choice
/// rules, each compiled once (as the parser does) and evaluated per iteration.
/// </summary>
[MemoryDiagnoser]
public class HotPathBenchmarks
{
    private const string Definition = """
        {
          "StartAt": "Shape",
          "States": {
            "Shape": {
              "Type": "Pass",
              "Parameters": {
                "id.$": "$.order.id",
                "first.$": "$.order.items[0]",
                "count.$": "States.ArrayLength($.order.items)",
                "label.$": "States.Format('order {} for {}', $.order.id, $.customer.name)",
                "constant": 42
              },
              "Next": "Route"
            },
            "Route": {
              "Type": "Choice",
              "Choices": [
                {
                  "And": [
                    { "Variable": "$.order.total", "NumericGreaterThan": 100 },
                    { "Variable": "$.customer.tier", "StringEquals": "gold" }
                  ],
                  "Next": "Done"
                }
              ],
              "Default": "Done"
            },
            "Done": { "Type": "Succeed" }
          }
        }
        """;

    private JsonPath _path = null!;
    private JsonValue _document = null!;
    private PathScope _scope;
    private PayloadTemplate _template = null!;
    private ChoiceRule _rule = null!;

    [GlobalSetup]
    public void Setup()
    {
        _path = JsonPath.Parse("$.a.b[0]");
        _document = JsonValue.Parse("""{"a":{"b":[1,2,3],"c":"x"},"order":{"id":"o-1","items":[{"sku":"A"},{"sku":"B"}],"total":250},"customer":{"name":"Ada","tier":"gold"}}""");
        _scope = new PathScope(_document, JsonObject.Empty);
        var machine = StateMachine.Parse(Definition);
        _template = ((PassState)machine.Graph.States["Shape"]).Parameters!;
        _rule = ((ChoiceState)machine.Graph.States["Route"]).Choices[0];
    }

    [Benchmark]
    public JsonValue? JsonPathEvaluate() => _path.TryEvaluate(_document, out var value) ? value : null;

    [Benchmark]
    public JsonValue PayloadTemplateEvaluate() => _template.Evaluate(_scope);

    [Benchmark]
    public bool ChoiceRuleEvaluate() => _rule.Condition.Evaluate(_scope);
}
