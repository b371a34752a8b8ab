using System.Reflection;
using System.Runtime.CompilerServices;
using StepFlow.Cli.Commands;
using StepFlow.Testing.Time;

namespace StepFlow.Tests.Architecture;

/// <summary>
/// The public API is deliberate: every public type of the core, StepFlow.Testing and StepFlow.Testing.FluentAssertions is listed, with the reason a
/// user needs it, in docs/public-api.md (StepFlow.Sqlite.Tests checks the SQLite package), and no shipped package is
/// granted the core's internals, so what the packages use is what any user can use.
/// </summary>
public sealed class PublicApiInventoryTests
{
    [Fact]
    public void CorePackage_EveryPublicTypeIsListedWithAReason() =>
        string.Join(Environment.NewLine, PublicApiDocument.Problems(typeof(StepFlowEngine).Assembly)).Should().BeEmpty();

    [Fact]
    public void TestingPackage_EveryPublicTypeIsListedWithAReason() =>
        string.Join(Environment.NewLine, PublicApiDocument.Problems(typeof(AutoAdvancingTimeProvider).Assembly)).Should().BeEmpty();

    [Fact]
    public void FluentAssertionsPackage_EveryPublicTypeIsListedWithAReason() =>
        string.Join(Environment.NewLine, PublicApiDocument.Problems(typeof(StepFlow.Testing.FluentAssertions.TestRunResultExtensions).Assembly)).Should().BeEmpty();

    [Fact]
    public void CoreAssembly_GrantsNoInternalsToAShippedPackage()
    {
        var grants = typeof(StepFlowEngine).Assembly.GetCustomAttributes<InternalsVisibleToAttribute>().Select(a => a.AssemblyName);

        grants.Should().NotContain(
        [
            "StepFlow.Sqlite",
            typeof(AutoAdvancingTimeProvider).Assembly.GetName().Name!,
            typeof(ValidateCommand).Assembly.GetName().Name!,
        ]);
    }

    [Fact]
    public void Rows_ReadOnlyTheNamedPackagesSection()
    {
        string[] lines =
        [
            "## Package `A`", "| type | why |", "| --- | --- |", "| `A.One` | needed |", "| `A.Two` |  |",
            "## Package `B`", "| `B.One` | needed |", "## Counts", "| `StepFlow.Json` | 14 |",
        ];

        PublicApiDocument.Rows(lines, "A").Should().Equal(("A.One", "needed"), ("A.Two", string.Empty));
        PublicApiDocument.Rows(lines, "B").Should().Equal(("B.One", "needed"));
    }
}
