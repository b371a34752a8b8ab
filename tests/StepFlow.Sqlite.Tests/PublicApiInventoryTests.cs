using StepFlow.Tests.Architecture;

namespace StepFlow.Sqlite.Tests;

/// <summary>Every public type of the SQLite package is listed, with the reason a user needs it, in docs/public-api.md.</summary>
public sealed class PublicApiInventoryTests
{
    [Fact]
    public void SqlitePackage_EveryPublicTypeIsListedWithAReason() =>
        string.Join(Environment.NewLine, PublicApiDocument.Problems(typeof(SqliteExecutionStore).Assembly)).Should().BeEmpty();
}
