namespace StepFlow.Json;

/// <summary>The kind of a <see cref="JsonValue"/>.</summary>
public enum JsonKind
{
    /// <summary>The JSON <c>null</c> literal.</summary>
    Null,

    /// <summary><c>true</c> or <c>false</c>.</summary>
    Boolean,

    /// <summary>A JSON number.</summary>
    Number,

    /// <summary>A JSON string.</summary>
    String,

    /// <summary>A JSON array.</summary>
    Array,

    /// <summary>A JSON object.</summary>
    Object,
}
