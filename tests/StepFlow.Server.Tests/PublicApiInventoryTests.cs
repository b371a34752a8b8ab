using System.Reflection;
using System.Runtime.CompilerServices;
using StepFlow.Tests.Architecture;

namespace StepFlow.Server.Tests;

/// <summary>
/// Every public type of the server package is listed, with the reason a user needs it, in docs/public-api.md, and the
/// package builds on the core's public API alone (no <c>InternalsVisibleTo</c>).
/// </summary>
public sealed class PublicApiInventoryTests
{
    [Fact]
    public void ServerPackage_EveryPublicTypeIsListedWithAReason() =>
        string.Join(Environment.NewLine, PublicApiDocument.Problems(typeof(StepFunctionsEndpoints).Assembly)).Should().BeEmpty();

    [Fact]
    public void CoreAssembly_GrantsNoInternalsToTheServerPackage()
    {
        var grants = typeof(StepFlowEngine).Assembly.GetCustomAttributes<InternalsVisibleToAttribute>().Select(a => a.AssemblyName);

        grants.Should().NotContain(typeof(StepFunctionsEndpoints).Assembly.GetName().Name);
    }
}
