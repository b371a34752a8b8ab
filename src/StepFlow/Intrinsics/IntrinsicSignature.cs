using System.Collections.Frozen;

namespace StepFlow.Intrinsics;

/// <summary>The name and argument count of one intrinsic function; <see cref="MaxArguments"/> is -1 when unbounded.</summary>
internal sealed record IntrinsicSignature(IntrinsicFunction Function, string Name, int MinArguments, int MaxArguments)
{
    private static readonly IntrinsicSignature[] All =
    [
        new(IntrinsicFunction.Format, "States.Format", 1, -1),
        new(IntrinsicFunction.StringToJson, "States.StringToJson", 1, 1),
        new(IntrinsicFunction.JsonToString, "States.JsonToString", 1, 1),
        new(IntrinsicFunction.Array, "States.Array", 0, -1),
        new(IntrinsicFunction.ArrayPartition, "States.ArrayPartition", 2, 2),
        new(IntrinsicFunction.ArrayContains, "States.ArrayContains", 2, 2),
        new(IntrinsicFunction.ArrayRange, "States.ArrayRange", 3, 3),
        new(IntrinsicFunction.ArrayGetItem, "States.ArrayGetItem", 2, 2),
        new(IntrinsicFunction.ArrayLength, "States.ArrayLength", 1, 1),
        new(IntrinsicFunction.ArrayUnique, "States.ArrayUnique", 1, 1),
        new(IntrinsicFunction.Base64Encode, "States.Base64Encode", 1, 1),
        new(IntrinsicFunction.Base64Decode, "States.Base64Decode", 1, 1),
        new(IntrinsicFunction.Hash, "States.Hash", 2, 2),
        new(IntrinsicFunction.JsonMerge, "States.JsonMerge", 3, 3),
        new(IntrinsicFunction.MathRandom, "States.MathRandom", 2, 3),
        new(IntrinsicFunction.MathAdd, "States.MathAdd", 2, 2),
        new(IntrinsicFunction.StringSplit, "States.StringSplit", 2, 2),
        new(IntrinsicFunction.UUID, "States.UUID", 0, 0),
    ];

    private static readonly FrozenDictionary<string, IntrinsicSignature> ByName =
        All.ToFrozenDictionary(s => s.Name, StringComparer.Ordinal);

    /// <summary>Looks a function up by its full name (<c>States.Format</c>); names are case-sensitive.</summary>
    public static bool TryGet(string name, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out IntrinsicSignature? signature) =>
        ByName.TryGetValue(name, out signature);

    /// <summary>Describes the accepted argument count, for error messages.</summary>
    public string DescribeArity() => MaxArguments switch
    {
        -1 => $"at least {MinArguments} argument{(MinArguments == 1 ? string.Empty : "s")}",
        _ when MinArguments == MaxArguments => $"exactly {MinArguments} argument{(MinArguments == 1 ? string.Empty : "s")}",
        _ => $"{MinArguments} to {MaxArguments} arguments",
    };

    /// <summary>True when <paramref name="count"/> arguments are accepted.</summary>
    public bool Accepts(int count) => count >= MinArguments && (MaxArguments < 0 || count <= MaxArguments);
}
