using System.Reflection;
using System.Runtime.CompilerServices;

namespace StepFlow.Sqlite.Tests;

/// <summary>
/// The SQLite package builds on the core's public API alone, so it works with any core version of the same API — no
/// <c>InternalsVisibleTo</c> ties it to the exact core build it was compiled against.
/// </summary>
public sealed class PublicApiOnlyTests
{
    [Fact]
    public void CoreAssembly_GrantsNoInternalsToTheSqlitePackage()
    {
        var grants = typeof(StepFlowEngine).Assembly.GetCustomAttributes<InternalsVisibleToAttribute>().Select(a => a.AssemblyName);

        grants.Should().NotContain(typeof(SqliteExecutionStore).Assembly.GetName().Name);
    }
}
