namespace StepFlow.Definition;

/// <summary>The fields every state shares, gathered by the builder (a value: the state copies them).</summary>
internal readonly record struct StateCommon(
    string Name,
    string StatesPointer,
    string? Comment,
    QueryLanguage QueryLanguage,
    string? NextName,
    IoPath InputPath,
    IoPath OutputPath,
    PayloadTemplate? Assign,
    JsonataStateFields? Jsonata = null);
