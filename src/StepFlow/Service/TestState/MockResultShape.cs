using System.Collections.Frozen;

namespace StepFlow.Service.TestState;

/// <summary>The shape of one field of an AWS API's output, as far as TestState's field validation checks it.</summary>
internal abstract record MockResultShape
{
    public static MockResultShape Any { get; } = new AnyShape();

    public static MockResultShape String(int? minLength = null, int? maxLength = null) => new StringShape(minLength, maxLength, null);

    public static MockResultShape Enum(params string[] values) => new StringShape(null, null, values.ToFrozenSet(StringComparer.Ordinal));

    /// <summary>Binary data: a (Base64) string.</summary>
    public static MockResultShape Blob(int? minLength = null, int? maxLength = null) => new StringShape(minLength, maxLength, null);

    /// <summary>A date: a string, or epoch seconds.</summary>
    public static MockResultShape Timestamp { get; } = new TimestampShape();

    public static MockResultShape Bool { get; } = new BooleanShape();

    public static MockResultShape Integer(long? min = null, long? max = null) => new NumberShape(true, min, max);

    public static MockResultShape Number(double? min = null, double? max = null) => new NumberShape(false, min, max);

    public static MockResultShape List(MockResultShape item) => new ListShape(item);

    public static MockResultShape Map(MockResultShape value) => new MapShape(value);

    public static MockResultShape Structure(params (string Name, MockResultShape Shape)[] members) => RequiredStructure([], members);

    public static MockResultShape RequiredStructure(string[] required, params (string Name, MockResultShape Shape)[] members) =>
        new StructureShape(members.ToFrozenDictionary(m => m.Name, m => m.Shape, StringComparer.Ordinal), required);
}

internal sealed record AnyShape : MockResultShape;

internal sealed record StringShape(int? MinLength, int? MaxLength, FrozenSet<string>? Values) : MockResultShape;

internal sealed record TimestampShape : MockResultShape;

internal sealed record BooleanShape : MockResultShape;

internal sealed record NumberShape(bool IsInteger, double? Min, double? Max) : MockResultShape;

internal sealed record ListShape(MockResultShape Item) : MockResultShape;

internal sealed record MapShape(MockResultShape Value) : MockResultShape;

internal sealed record StructureShape(FrozenDictionary<string, MockResultShape> Members, string[] Required) : MockResultShape;
