namespace StepFlow.Intrinsics;

/// <summary>The 18 <c>States.*</c> intrinsic functions of the Amazon States Language.</summary>
internal enum IntrinsicFunction
{
    Format,
    StringToJson,
    JsonToString,
    Array,
    ArrayPartition,
    ArrayContains,
    ArrayRange,
    ArrayGetItem,
    ArrayLength,
    ArrayUnique,
    Base64Encode,
    Base64Decode,
    Hash,
    JsonMerge,
    MathRandom,
    MathAdd,
    StringSplit,
    UUID,
}
