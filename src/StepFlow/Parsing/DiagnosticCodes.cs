namespace StepFlow.Parsing;

/// <summary>The diagnostic codes of AWS's ValidateStateMachineDefinition, plus StepFlow's own where AWS has none.</summary>
public static class DiagnosticCodes
{
    /// <summary>The definition is not valid JSON.</summary>
    public const string InvalidJsonDescription = "INVALID_JSON_DESCRIPTION";

    /// <summary>The definition is null or empty.</summary>
    public const string MissingDescription = "MISSING_DESCRIPTION";

    /// <summary>A field is unknown, missing, of the wrong type or has a bad value.</summary>
    public const string SchemaValidationFailed = "SCHEMA_VALIDATION_FAILED";

    /// <summary>A Task Resource is not a valid resource URI.</summary>
    public const string InvalidResource = "INVALID_RESOURCE";

    /// <summary>No state ends the machine.</summary>
    public const string MissingEndState = "MISSING_END_STATE";

    /// <summary>Two states share a name.</summary>
    public const string DuplicateStateName = "DUPLICATE_STATE_NAME";

    /// <summary>A state name is empty, too long or has forbidden characters.</summary>
    public const string InvalidStateName = "INVALID_STATE_NAME";

    /// <summary>A Next, Default or StartAt names no state in its scope.</summary>
    public const string MissingTransitionTarget = "MISSING_TRANSITION_TARGET";

    /// <summary>Parallel and Map states are nested too deeply.</summary>
    public const string TooDeeplyNested = "TOO_DEEPLY_NESTED";

    /// <summary>Two Map states share a Label.</summary>
    public const string DuplicateLabelName = "DUPLICATE_LABEL_NAME";

    /// <summary>A Map Label has forbidden characters or is too long.</summary>
    public const string InvalidLabelName = "INVALID_LABEL_NAME";

    /// <summary>Warning: a value looks like a path or intrinsic but its key has no <c>.$</c> suffix.</summary>
    public const string NoDollar = "NO_DOLLAR";

    /// <summary>Warning: a value looks like a path but the field name does not end in <c>Path</c>.</summary>
    public const string NoPath = "NO_PATH";

    /// <summary>Warning: a path inside a Pass state's Result is static text.</summary>
    public const string PassResultIsStatic = "PASS_RESULT_IS_STATIC";

    /// <summary>StepFlow: a state cannot be reached from StartAt.</summary>
    public const string UnreachableState = "UNREACHABLE_STATE";

    /// <summary>
    /// Not emitted. A path, reference path or intrinsic function call that does not compile is reported with AWS's code,
    /// <see cref="SchemaValidationFailed"/>; the constant stays for code that compared against it.
    /// </summary>
    public const string InvalidPath = "INVALID_PATH";

    /// <summary>
    /// StepFlow: a Task Resource is not on <see cref="Validation.ValidationOptions.AllowedResources"/> (an execution
    /// would fail with <c>States.Permissions</c> there). An error.
    /// </summary>
    public const string ResourceNotAllowed = "RESOURCE_NOT_ALLOWED";
}
