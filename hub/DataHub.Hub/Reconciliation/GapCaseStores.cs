using DataHub.Hub.Store;
using DataHub.Hub.Store.SqlServer;

namespace DataHub.Hub.Reconciliation;

/// <summary>The gap case store on the hub's store: SQLite's <see cref="GapCaseStore"/> or <see cref="SqlServerGapCaseStore"/>.</summary>
public static class GapCaseStores
{
    public static IGapCaseStore Open(HubStore store) =>
        store.Sqlite is { } sqlite ? new GapCaseStore(sqlite)
        : store.SqlServer is { } sqlServer ? new SqlServerGapCaseStore(sqlServer)
        : throw new InvalidOperationException($"no gap case store for the {store.Provider} store");
}
