using StepFlow.Json;
using StepFlow.Paths;

namespace StepFlow.Definition;

/// <summary>
/// A compiled payload template (Parameters, ResultSelector, ItemSelector, JSONPath Assign): keys ending
/// <c>.$</c> take a path, context path, variable or intrinsic call; everything else is copied literally.
/// Parts without any <c>.$</c> key are one shared literal.
/// </summary>
internal sealed class PayloadTemplate
{
    internal PayloadTemplate(JsonValue source, TemplateNode root)
    {
        Source = source;
        Root = root;
    }

    /// <summary>The template as written.</summary>
    public JsonValue Source { get; }

    internal TemplateNode Root { get; }

    /// <summary>Builds the payload; throws <see cref="Errors.StatesErrorException"/> (States.Runtime) when a path is missing.</summary>
    public JsonValue Evaluate(in PathScope scope) => Root.Evaluate(scope);
}
