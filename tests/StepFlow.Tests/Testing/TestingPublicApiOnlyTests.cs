using System.Reflection;
using System.Runtime.CompilerServices;
using StepFlow.Testing;
using StepFlow.Testing.FluentAssertions;

namespace StepFlow.Tests.TestKit;

/// <summary>
/// The test kit builds on the core's public API alone (the task mocker seam, the execution result and its history), so
/// it works with any core of the same API, as a user's own test helpers would.
/// </summary>
public sealed class TestingPublicApiOnlyTests
{
    [Fact]
    public void CoreAssembly_GrantsNoInternalsToTheTestingPackages()
    {
        var grants = typeof(StepFlowEngine).Assembly.GetCustomAttributes<InternalsVisibleToAttribute>().Select(a => a.AssemblyName);

        grants.Should().NotContain([typeof(StateMachineTest).Assembly.GetName().Name, typeof(TestRunResultAssertions).Assembly.GetName().Name]);
    }
}
