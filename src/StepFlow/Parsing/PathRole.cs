namespace StepFlow.Parsing;

/// <summary>What a JSONPath field holds, which decides AWS's wording (and place) when its text does not compile.</summary>
internal enum PathRole
{
    /// <summary><c>InputPath</c> and <c>OutputPath</c>: any JSONPath ("Value must be a valid JSONPath", at the field).</summary>
    Path,

    /// <summary>
    /// <c>ResultPath</c>, a Choice <c>Variable</c> or <c>…Path</c> operand, <c>ItemsPath</c>, <c>SecondsPath</c> and the other
    /// <c>…Path</c> fields: a Reference Path ("Value is not a Reference Path", at the field).
    /// </summary>
    ReferencePath,

    /// <summary>
    /// The value of a <c>.$</c> key in a payload template ("The value for the field 'k.$' must be a valid JSONPath or a
    /// valid intrinsic function call"), reported at the template object that holds the key.
    /// </summary>
    TemplateValue,
}
