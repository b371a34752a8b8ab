using StepFlow.Persistence;

namespace StepFlow.Sqlite.Tests.Contract;

/// <summary>The store contract against the in-memory reference store.</summary>
public sealed class InMemoryExecutionStoreContractTests : ExecutionStoreContract
{
    protected override async Task<IExecutionStore> CreateStoreAsync()
    {
        var store = new InMemoryExecutionStore();
        await store.InitializeAsync(CancellationToken.None);
        return store;
    }

    [Fact]
    public void IsDurable_InMemory_IsFalse() => new InMemoryExecutionStore().IsDurable.Should().BeFalse();
}
