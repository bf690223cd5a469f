using DataHub.Hub.Invoices;
using DataHub.Hub.Reconciliation;
using DataHub.Hub.Registry;
using DataHub.Hub.Store;
using DataHub.Hub.Store.SqlServer;

namespace DataHub.Tests.Store;

/// <summary>The contracts on the embedded SQLite store (a fresh file per test).</summary>
public sealed class SqliteFeedStateStoreTests : FeedStateStoreContract, IDisposable
{
    private readonly TempSqlite _db = new();
    protected override IFeedStateStore Store { get; }
    public SqliteFeedStateStoreTests() => Store = new SqliteFeedStateStore(_db.Database);
    public void Dispose() => _db.Dispose();
}

public sealed class SqliteSchemaRegistryStoreTests : SchemaRegistryStoreContract, IDisposable
{
    private readonly TempSqlite _db = new();
    protected override ISchemaRegistryStore Store { get; }
    public SqliteSchemaRegistryStoreTests() => Store = new SqliteSchemaRegistryStore(_db.Database);
    public void Dispose() => _db.Dispose();
}

public sealed class SqliteRegistryStoreTests : RegistryStoreContract, IDisposable
{
    private readonly TempSqlite _db = new();
    protected override IRegistryStore Store { get; }
    public SqliteRegistryStoreTests() => Store = new SqliteRegistryStore(_db.Database);
    public void Dispose() => _db.Dispose();
}

public sealed class SqliteReconciliationRunStoreTests : ReconciliationRunStoreContract, IDisposable
{
    private readonly TempSqlite _db = new();
    protected override IReconciliationRunStore Store { get; }
    public SqliteReconciliationRunStoreTests() => Store = new SqliteReconciliationRunStore(_db.Database);
    public void Dispose() => _db.Dispose();
}

public sealed class SqliteInvoiceLedgerStoreTests : InvoiceLedgerStoreContract, IDisposable
{
    private readonly TempSqlite _db = new();
    protected override IInvoiceLedgerStore Ledger(string cluster) => new SqliteInvoiceLedgerStore(_db.Database, cluster);
    public void Dispose() => _db.Dispose();
}

/// <summary>The contracts on SQL Server, when DATAHUB_TEST_SQLSERVER holds a connection string to a database the test may write to.</summary>
[RequiresEnvironment(SqlServerTestDatabase.Variable, SqlServerTestDatabase.Why)]
public sealed class SqlServerFeedStateStoreTests : FeedStateStoreContract
{
    protected override IFeedStateStore Store { get; } = new SqlServerFeedStateStore(SqlServerTestDatabase.Migrated());

    [StoreFact]
    public async Task Migrations_are_recorded_and_a_second_pass_applies_none()
    {
        var database = SqlServerTestDatabase.Migrated();
        Assert.Empty(await database.MigrateAsync());
    }
}

[RequiresEnvironment(SqlServerTestDatabase.Variable, SqlServerTestDatabase.Why)]
public sealed class SqlServerSchemaRegistryStoreTests : SchemaRegistryStoreContract
{
    protected override ISchemaRegistryStore Store { get; } = new SqlServerSchemaRegistryStore(SqlServerTestDatabase.Migrated());
}

[RequiresEnvironment(SqlServerTestDatabase.Variable, SqlServerTestDatabase.Why)]
public sealed class SqlServerRegistryStoreTests : RegistryStoreContract
{
    protected override IRegistryStore Store { get; } = new SqlServerRegistryStore(SqlServerTestDatabase.Migrated());
}

[RequiresEnvironment(SqlServerTestDatabase.Variable, SqlServerTestDatabase.Why)]
public sealed class SqlServerReconciliationRunStoreTests : ReconciliationRunStoreContract
{
    protected override IReconciliationRunStore Store { get; } = new SqlServerReconciliationRunStore(SqlServerTestDatabase.Migrated());
}

[RequiresEnvironment(SqlServerTestDatabase.Variable, SqlServerTestDatabase.Why)]
public sealed class SqlServerInvoiceLedgerStoreTests : InvoiceLedgerStoreContract
{
    protected override IInvoiceLedgerStore Ledger(string cluster) => new SqlServerInvoiceLedgerStore(SqlServerTestDatabase.Migrated(), cluster);
}

public static class SqlServerTestDatabase
{
    public const string Variable = "DATAHUB_TEST_SQLSERVER";
    public const string Why = "no SQL Server here; set it to a connection string (e.g. Server=localhost;Database=datahub_test;User Id=sa;Password=…;TrustServerCertificate=true) to run the SQL Server store contract";
    private static readonly Lazy<SqlServerDatabase> Database = new(() =>
    {
        var database = new SqlServerDatabase(Environment.GetEnvironmentVariable(Variable)!);
        database.MigrateAsync().GetAwaiter().GetResult();
        return database;
    });

    public static SqlServerDatabase Migrated() => Database.Value;
}

internal sealed class TempSqlite : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("datahub-store-").FullName;
    public SqliteDatabase Database { get; }
    public TempSqlite() => Database = SqliteDatabase.InDirectory(_directory);
    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(_directory, recursive: true); } catch (IOException) { }
    }
}
