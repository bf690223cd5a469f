using Confluent.SchemaRegistry;
using DataHub.Hub.Invoices;
using DataHub.Hub.Kafka;
using DataHub.Hub.Reconciliation;
using DataHub.Hub.Store;
using DataHub.Hub.Store.SqlServer;
using DataHub.Reconciliation.Engine;
using Microsoft.Extensions.Logging.Abstractions;

namespace DataHub.Tests.Store;

/// <summary>Which implementation each provider's HubStore hands out, and what a reconciliation does on a store without gap cases. No server is contacted.</summary>
public sealed class HubStoreProviderTests : IDisposable
{
    private readonly TempSqlite _sqlite = new();
    // Nothing listens there; none of these tests may connect (a connection attempt would fail the test within a second).
    private static readonly SqlServerDatabase Unreachable = new("Server=127.0.0.1,1;Database=none;Connect Timeout=1;User Id=x;Password=y");

    [Fact]
    public void Each_provider_hands_out_its_own_registry_run_history_and_ledger_stores()
    {
        var sqlite = HubStore.ForSqlite(_sqlite.Database);
        Assert.IsType<SqliteRegistryStore>(sqlite.MaterialisedRegistries);
        Assert.IsType<SqliteReconciliationRunStore>(sqlite.ReconciliationRuns);
        Assert.IsType<SqliteInvoiceLedgerStore>(sqlite.InvoiceLedger("kafka:test"));
        Assert.Same(sqlite.MaterialisedRegistries, sqlite.MaterialisedRegistries);

        var sqlServer = HubStore.ForSqlServer(Unreachable);
        Assert.IsType<SqlServerRegistryStore>(sqlServer.MaterialisedRegistries);
        Assert.IsType<SqlServerReconciliationRunStore>(sqlServer.ReconciliationRuns);
    }

    [Fact]
    public void A_reconciliation_runner_keeps_its_gap_cases_in_the_stores_provider()
    {
        using var registry = new CachedSchemaRegistryClient(new SchemaRegistryConfig { Url = "http://127.0.0.1:1" });
        var kafka = new KafkaConnection("127.0.0.1:1", "kafka:none", new Dictionary<string, string>());
        Assert.IsType<SqlServerGapCaseStore>(new ReconciliationRunner(kafka, registry, HubStore.ForSqlServer(Unreachable), NullLoggerFactory.Instance).Cases);
        Assert.IsType<GapCaseStore>(new ReconciliationRunner(kafka, registry, HubStore.ForSqlite(_sqlite.Database), NullLoggerFactory.Instance).Cases);
    }

    public void Dispose() => _sqlite.Dispose();
}
