using System.Text;
using StepFlow.Errors;
using StepFlow.Json;
using StepFlow.Paths;

namespace StepFlow.Fuzz.Targets;

/// <summary>
/// JSONPath in both dialects: parse (never throws; a refusal has a message), evaluate against the
/// fixed documents, take the RFC 9535 nodelist, and write a value at a Reference Path (the only
/// documented evaluation error is <see cref="StatesErrorNames.ResultPathMatchFailure"/> from that write).
/// </summary>
internal sealed class JsonPathTarget : IFuzzTarget
{
    private static readonly JsonValue Written = JsonValue.From("written");

    /// <inheritdoc />
    public string Name => "jsonpath";

    /// <inheritdoc />
    public void Run(ReadOnlySpan<byte> input)
    {
        var text = Encoding.UTF8.GetString(input);
        Run(text, JsonPathDialect.Asl);
        Run(text, JsonPathDialect.Rfc9535);
    }

    private static void Run(string text, JsonPathDialect dialect)
    {
        if (!JsonPath.TryParse(text, dialect, out var path, out var error))
        {
            if (string.IsNullOrEmpty(error))
            {
                throw new FuzzInvariantException("TryParse refused the path without a message.");
            }

            return;
        }

        var scope = FixedDocuments.Scope;
        if (path.TryEvaluate(in scope, out var value))
        {
            FixedDocuments.WriteOut(value);
        }

        if (!path.TryGetRoot(in scope, out var root))
        {
            return;
        }

        _ = path.SelectNodes(root).Count;
        if (path.IsReferencePath)
        {
            try
            {
                FixedDocuments.WriteOut(path.Set(root, Written));
            }
            catch (StatesErrorException e) when (e.Error == StatesErrorNames.ResultPathMatchFailure)
            {
            }
        }
    }
}
