using System.Reflection;
using System.Runtime.CompilerServices;
using StepFlow.Tests.Architecture;

namespace StepFlow.Hosting.Tests;

/// <summary>
/// The hosting package uses only the core's public API (no <c>InternalsVisibleTo</c>), and every public type of it is
/// listed, with the reason a user needs it, in docs/public-api.md.
/// </summary>
public sealed class PublicApiTests
{
    [Fact]
    public void CoreAndSqliteAssemblies_GrantNoInternalsToTheHostingPackage()
    {
        var hosting = typeof(StepFlowWorker).Assembly.GetName().Name;
        foreach (var assembly in new[] { typeof(StepFlowEngine).Assembly, typeof(Sqlite.SqliteExecutionStore).Assembly })
        {
            assembly.GetCustomAttributes<InternalsVisibleToAttribute>().Select(a => a.AssemblyName).Should().NotContain(hosting);
        }
    }

    [Fact]
    public void HostingPackage_EveryPublicTypeIsListedWithAReason() =>
        string.Join(Environment.NewLine, PublicApiDocument.Problems(typeof(StepFlowWorker).Assembly)).Should().BeEmpty();
}
