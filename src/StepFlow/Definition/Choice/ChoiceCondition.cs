using StepFlow.Paths;

namespace StepFlow.Definition.Choice;

/// <summary>A compiled Choice rule condition (a comparison, or And / Or / Not of conditions).</summary>
internal abstract class ChoiceCondition
{
    private protected ChoiceCondition()
    {
    }

    /// <summary>Evaluates the condition; throws <see cref="Errors.StatesErrorException"/> (States.Runtime) when a path is missing.</summary>
    public abstract bool Evaluate(in PathScope scope);
}

/// <summary>All of the conditions hold.</summary>
internal sealed class AndCondition(IReadOnlyList<ChoiceCondition> conditions) : ChoiceCondition
{
    /// <summary>The operands.</summary>
    public IReadOnlyList<ChoiceCondition> Conditions { get; } = conditions;

    /// <inheritdoc />
    public override bool Evaluate(in PathScope scope)
    {
        for (var i = 0; i < Conditions.Count; i++)
        {
            if (!Conditions[i].Evaluate(scope))
            {
                return false;
            }
        }

        return true;
    }
}

/// <summary>Any of the conditions holds.</summary>
internal sealed class OrCondition(IReadOnlyList<ChoiceCondition> conditions) : ChoiceCondition
{
    /// <summary>The operands.</summary>
    public IReadOnlyList<ChoiceCondition> Conditions { get; } = conditions;

    /// <inheritdoc />
    public override bool Evaluate(in PathScope scope)
    {
        for (var i = 0; i < Conditions.Count; i++)
        {
            if (Conditions[i].Evaluate(scope))
            {
                return true;
            }
        }

        return false;
    }
}

/// <summary>The condition does not hold.</summary>
internal sealed class NotCondition(ChoiceCondition condition) : ChoiceCondition
{
    /// <summary>The operand.</summary>
    public ChoiceCondition Condition { get; } = condition;

    /// <inheritdoc />
    public override bool Evaluate(in PathScope scope) => !Condition.Evaluate(scope);
}
