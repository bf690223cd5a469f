using DataHub.Hub.Reconciliation;
using DataHub.Hub.Store;
using DataHub.Hub.Store.SqlServer;

namespace DataHub.Hub.Web;

/// <summary>The officers' web app's stores on the hub's store: the SQLite classes, or the SQL Server ones (Store:Provider=sqlserver).</summary>
public sealed record OfficerStores(IWebUserStore Users, IAuditLog Audit, ICaseQueries Queries, IGapCaseStore Cases)
{
    public static OfficerStores Open(HubStore store)
    {
        if (store.Sqlite is { } sqlite)
            return new(new WebUserStore(sqlite), new AuditLog(sqlite), new CaseQueries(sqlite), new GapCaseStore(sqlite));
        if (store.SqlServer is { } sqlServer)
            return new(new SqlServerWebUserStore(sqlServer), new SqlServerAuditLog(sqlServer), new SqlServerCaseQueries(sqlServer), new SqlServerGapCaseStore(sqlServer));
        throw new InvalidOperationException($"the web app has no stores for the {store.Provider} store");
    }
}
