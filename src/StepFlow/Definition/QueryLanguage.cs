namespace StepFlow.Definition;

/// <summary>The query language of a state.</summary>
internal enum QueryLanguage
{
    /// <summary>JSONPath paths, payload templates and intrinsic functions (the default).</summary>
    JsonPath,

    /// <summary>JSONata expressions in <c>{% %}</c>.</summary>
    Jsonata,
}
