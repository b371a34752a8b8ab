namespace StepFlow.Definition.Choice;

/// <summary>A top-level Choice rule: a condition and the state to go to when it holds.</summary>
internal sealed class ChoiceRule
{
    internal ChoiceRule(ChoiceCondition condition, string nextName, PayloadTemplate? assign)
    {
        Condition = condition;
        NextName = nextName;
        Assign = assign;
    }

    /// <summary>The condition.</summary>
    public ChoiceCondition Condition { get; }

    /// <summary>The state to go to.</summary>
    public string NextName { get; }

    /// <summary>The state to go to, resolved when the graph is built.</summary>
    public State Next { get; internal set; } = null!;

    /// <summary>Output and Assign of a rule of a JSONata Choice state, or null.</summary>
    internal JsonataOutputAssign? Jsonata { get; init; }

    /// <summary>Assign of the rule (JSONPath form), or null.</summary>
    public PayloadTemplate? Assign { get; }
}
