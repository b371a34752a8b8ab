namespace StepFlow.Hosting;

/// <summary>
/// What the <see cref="StepFlowBuilder"/> calls of every <c>AddStepFlow</c> on one service collection asked for, applied in
/// order to the engine builder when the container first builds the engine. One instance per service collection.
/// </summary>
internal sealed class StepFlowRegistrations
{
    private readonly List<Action<IServiceProvider, StepFlowEngineBuilder>> _steps = [];

    public void Add(Action<IServiceProvider, StepFlowEngineBuilder> step) => _steps.Add(step);

    public void ApplyTo(IServiceProvider services, StepFlowEngineBuilder builder)
    {
        foreach (var step in _steps)
        {
            step(services, builder);
        }
    }
}
