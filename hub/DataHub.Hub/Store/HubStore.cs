using DataHub.Hub.Hosting;
using DataHub.Hub.Invoices;
using DataHub.Hub.Reconciliation;
using DataHub.Hub.Registry;
using DataHub.Hub.Store.SqlServer;
using Microsoft.Data.SqlClient;
using Microsoft.Extensions.Logging;

namespace DataHub.Hub.Store;

/// <summary>
/// The store the hub runs on, chosen by Store:Provider: SQLite (embedded default) or SQL Server
/// (production; schema migrated at start). Both give the same interfaces: feed state, the embedded schema
/// registry's storage, the materialised registries, the reconciliation run history and the invoice ledger.
/// (Gap cases and the officers' web app keep their tables in SQLite for now: they use <see cref="Sqlite"/>.)
/// </summary>
public sealed class HubStore
{
    private readonly Func<CancellationToken, Task> _ping;
    private readonly Lazy<IRegistryStore> _registries;
    private readonly Lazy<IReconciliationRunStore> _runs;
    private readonly Func<string, IInvoiceLedgerStore> _ledger;

    private HubStore(string provider, string description, IFeedStateStore feedState, ISchemaRegistryStore registry,
        SqliteDatabase? sqlite, SqlServerDatabase? sqlServer, Func<CancellationToken, Task> ping,
        Func<IRegistryStore> registries, Func<IReconciliationRunStore> runs, Func<string, IInvoiceLedgerStore> ledger)
    {
        SqlServer = sqlServer;
        Provider = provider;
        Description = description;
        FeedState = feedState;
        Registry = registry;
        Sqlite = sqlite;
        _ping = ping;
        _registries = new Lazy<IRegistryStore>(registries);
        _runs = new Lazy<IReconciliationRunStore>(runs);
        _ledger = ledger;
    }

    /// <summary>sqlite or sqlserver.</summary>
    public string Provider { get; }
    /// <summary>Where the data is (file path, or server/database), without credentials.</summary>
    public string Description { get; }
    public IFeedStateStore FeedState { get; }
    /// <summary>Storage of the embedded schema registry (used only when SchemaRegistry:Url is empty).</summary>
    public ISchemaRegistryStore Registry { get; }
    /// <summary>The materialised registry topics (latest record per identity, offsets, losses) that reconciliation loads.</summary>
    public IRegistryStore MaterialisedRegistries => _registries.Value;
    /// <summary>The reconciliation run history.</summary>
    public IReconciliationRunStore ReconciliationRuns => _runs.Value;
    /// <summary>The SQLite database, when that is the provider.</summary>
    public SqliteDatabase? Sqlite { get; }
    /// <summary>The SQL Server database, when that is the provider.</summary>
    public SqlServerDatabase? SqlServer { get; }

    /// <summary>The accepted-invoice ledger of the Kafka cluster <paramref name="cluster"/> (<c>KafkaConnection.ClusterIdentity</c>).</summary>
    public IInvoiceLedgerStore InvoiceLedger(string cluster) => _ledger(cluster);

    /// <summary>Throws when the store does not answer (readiness).</summary>
    public Task PingAsync(CancellationToken ct) => _ping(ct);

    public static HubStore ForSqlite(SqliteDatabase database) =>
        new("sqlite", database.FilePath, new SqliteFeedStateStore(database), new SqliteSchemaRegistryStore(database), database, null,
            _ => { using var connection = database.Open(); return Task.CompletedTask; },
            () => new SqliteRegistryStore(database), () => new SqliteReconciliationRunStore(database),
            cluster => new SqliteInvoiceLedgerStore(database, cluster));

    public static HubStore ForSqlServer(SqlServerDatabase database) =>
        new("sqlserver", database.Description, new SqlServerFeedStateStore(database), new SqlServerSchemaRegistryStore(database), null, database,
            database.PingAsync,
            () => new SqlServerRegistryStore(database), () => new SqlServerReconciliationRunStore(database),
            cluster => new SqlServerInvoiceLedgerStore(database, cluster));

    /// <summary>Opens (and for SQL Server migrates) the configured store; a problem is a <see cref="HubConfigurationException"/>.</summary>
    public static async Task<HubStore> OpenAsync(DataHubOptions hub, StoreOptions store, ILogger log, CancellationToken ct)
    {
        if (string.Equals(store.Provider?.Trim(), "sqlserver", StringComparison.OrdinalIgnoreCase))
        {
            SqlServerDatabase database;
            try { database = new SqlServerDatabase(store.ConnectionString ?? "", log); }
            catch (ArgumentException e) { throw new HubConfigurationException("Store:ConnectionString", $"is not a SQL Server connection string ({e.Message})"); }
            try
            {
                var applied = await database.MigrateAsync(ct);
                log.LogInformation("Store: SQL Server {Database} (configured; {Applied} migration(s) applied now)", database.Description, applied.Count);
            }
            catch (Exception e) when (e is SqlException or TimeoutException or InvalidOperationException)
            {
                throw new HubConfigurationException("Store:ConnectionString", $"SQL Server {database.Description} did not answer or refused the schema migration ({e.Message})");
            }
            return ForSqlServer(database);
        }
        try
        {
            var sqlite = string.IsNullOrWhiteSpace(store.ConnectionString)
                ? SqliteDatabase.InDirectory(hub.DataDirectory)
                : new SqliteDatabase(store.ConnectionString);
            log.LogInformation("Store: SQLite {Path} ({Mode})", sqlite.FilePath, string.IsNullOrWhiteSpace(store.ConnectionString) ? "embedded" : "configured");
            return ForSqlite(sqlite);
        }
        catch (Exception e) when (e is ArgumentException or Microsoft.Data.Sqlite.SqliteException or IOException or UnauthorizedAccessException)
        {
            throw new HubConfigurationException(string.IsNullOrWhiteSpace(store.ConnectionString) ? "DataHub:DataDirectory" : "Store:ConnectionString", e.Message);
        }
    }
}
