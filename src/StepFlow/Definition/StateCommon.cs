namespace StepFlow.Definition;

/// <summary>The fields every state shares, gathered by the builder.</summary>
internal sealed record StateCommon(
    string Name,
    string StatesPointer,
    string? Comment,
    QueryLanguage QueryLanguage,
    string? NextName,
    IoPath InputPath,
    IoPath OutputPath,
    PayloadTemplate? Assign,
    JsonataStateFields? Jsonata = null);
