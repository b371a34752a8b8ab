using System.Text;
using StepFlow.Errors;
using StepFlow.Intrinsics;

namespace StepFlow.Fuzz.Targets;

/// <summary>
/// Intrinsic functions: parse a call (never throws; a refusal has a message) and evaluate it against the
/// fixed documents with a seeded environment; the only documented evaluation error is
/// <see cref="StatesErrorException"/> with <see cref="StatesErrorNames.Runtime"/>.
/// </summary>
internal sealed class IntrinsicTarget : IFuzzTarget
{
    /// <inheritdoc />
    public string Name => "intrinsics";

    /// <inheritdoc />
    public void Run(ReadOnlySpan<byte> input)
    {
        var text = Encoding.UTF8.GetString(input);
        if (!IntrinsicFunctionCall.TryParse(text, out var call, out var error))
        {
            if (string.IsNullOrEmpty(error))
            {
                throw new FuzzInvariantException("TryParse refused the call without a message.");
            }

            return;
        }

        try
        {
            var scope = FixedDocuments.Scope;
            FixedDocuments.WriteOut(call.Evaluate(in scope, new IntrinsicEnvironment(new Random(12345))));
        }
        catch (StatesErrorException e) when (e.Error == StatesErrorNames.Runtime)
        {
        }
    }
}
