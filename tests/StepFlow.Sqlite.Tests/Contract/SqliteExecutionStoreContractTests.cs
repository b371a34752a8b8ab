using StepFlow.Persistence;
using StepFlow.Sqlite.Tests.Support;

namespace StepFlow.Sqlite.Tests.Contract;

/// <summary>The store contract against a SQLite file store.</summary>
public sealed class SqliteExecutionStoreContractTests : ExecutionStoreContract, IDisposable
{
    private readonly List<(TempDatabase File, SqliteExecutionStore Store)> _stores = [];

    protected override async Task<IExecutionStore> CreateStoreAsync()
    {
        var file = new TempDatabase();
        var store = new SqliteExecutionStore(file.Path);
        _stores.Add((file, store));
        await store.InitializeAsync(CancellationToken.None);
        return store;
    }

    [Fact]
    public void IsDurable_Sqlite_IsTrue()
    {
        using var file = new TempDatabase();
        using var store = new SqliteExecutionStore(file.Path);

        store.IsDurable.Should().BeTrue();
    }

    public void Dispose()
    {
        foreach (var (file, store) in _stores)
        {
            store.Dispose();
            file.Dispose();
        }
    }
}
