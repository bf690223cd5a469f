using DataHub.Hub.Reconciliation;
using DataHub.Hub.Store;
using DataHub.Hub.Store.SqlServer;
using DataHub.Hub.Web;
using DataHub.Tests.Store;

namespace DataHub.Tests.Web;

/// <summary>The web app and the reconciliation's cases run on the stores of the hub's provider (Store:Provider).</summary>
public sealed class OfficerStoresTests
{
    [Fact]
    public void On_SQL_Server_every_web_store_and_the_gap_cases_are_the_SQL_Server_ones()
    {
        // Making the stores opens no connection, so no server is needed to see the wiring.
        var store = HubStore.ForSqlServer(new SqlServerDatabase("Server=sql.invalid;Database=datahub;User Id=datahub;Password=unused"));
        var stores = OfficerStores.Open(store);
        Assert.IsType<SqlServerWebUserStore>(stores.Users);
        Assert.IsType<SqlServerAuditLog>(stores.Audit);
        Assert.IsType<SqlServerCaseQueries>(stores.Queries);
        Assert.IsType<SqlServerCaseCounts>(stores.Queries.Counts);
        Assert.IsType<SqlServerCaseTrend>(stores.Queries.Trend);
        Assert.IsType<SqlServerGapCaseStore>(stores.Cases);
        Assert.IsType<SqlServerGapCaseStore>(GapCaseStores.Open(store));
    }

    [Fact]
    public void On_SQLite_every_web_store_and_the_gap_cases_are_the_SQLite_ones()
    {
        using var db = new TempSqlite();
        var store = HubStore.ForSqlite(db.Database);
        var stores = OfficerStores.Open(store);
        using var queries = stores.Queries;
        Assert.IsType<WebUserStore>(stores.Users);
        Assert.IsType<AuditLog>(stores.Audit);
        Assert.IsType<CaseQueries>(queries);
        Assert.IsType<GapCaseStore>(stores.Cases);
        Assert.IsType<GapCaseStore>(GapCaseStores.Open(store));
    }
}
