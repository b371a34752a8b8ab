using BenchmarkDotNet.Attributes;
using StepFlow.Definition;
using StepFlow.Json;
using StepFlow.Parsing;
using StepFlow.Parsing.Validation;
using StepFlow.Conformance;

namespace StepFlow.Benchmarks;

/// <summary>
/// The phases of <see cref="StateMachine.Parse(string)"/> on the shared W7 workload (a 500-state
/// definition): JSON text to tree, validation, and the whole parse (JSON, validation, graph build).
/// The workload is read from the shared folder at run time (<c>--filter *ParseBenchmarks*</c>).
/// </summary>
[MemoryDiagnoser]
public class ParseBenchmarks
{
    private string _text = null!;
    private JsonValue _document = null!;

    [GlobalSetup]
    public void Setup()
    {
        var path = SharedFolder.Find("bench", "workloads", "w7-parse.json")
            ?? throw new InvalidOperationException(SharedFolder.MissingMessage);
        var workload = (JsonObject)JsonValue.Parse(File.ReadAllText(path));
        _text = workload["definition"].ToJsonString();
        _document = JsonValue.Parse(_text);
    }

    [Benchmark]
    public JsonValue JsonParse() => JsonValue.Parse(_text);

    [Benchmark]
    public int Validate() => DefinitionValidator.Validate(_document).Length;

    [Benchmark(Baseline = true)]
    public StateMachine FullParse() => StateMachine.Parse(_text);
}
