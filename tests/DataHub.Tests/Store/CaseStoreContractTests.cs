using DataHub.Hub.Reconciliation;
using DataHub.Hub.Store.SqlServer;
using DataHub.Hub.Web;
using Microsoft.Data.SqlClient;

namespace DataHub.Tests.Store;

/// <summary>The gap case and web app contracts on SQLite (a fresh file per test).</summary>
public sealed class SqliteGapCaseStoreTests : GapCaseStoreContract, IDisposable
{
    private readonly TempSqlite _db = new();
    protected override IGapCaseStore Store { get; }
    public SqliteGapCaseStoreTests() => Store = new GapCaseStore(_db.Database);
    public void Dispose() => _db.Dispose();
}

public sealed class SqliteWebUserStoreTests : WebUserStoreContract, IDisposable
{
    private readonly TempSqlite _db = new();
    protected override IWebUserStore Users { get; }
    public SqliteWebUserStoreTests() => Users = new WebUserStore(_db.Database);
    public void Dispose() => _db.Dispose();
}

public sealed class SqliteAuditLogTests : AuditLogContract, IDisposable
{
    private readonly TempSqlite _db = new();
    protected override IAuditLog Audit { get; }
    public SqliteAuditLogTests() => Audit = new AuditLog(_db.Database);
    public void Dispose() => _db.Dispose();
}

public sealed class SqliteCaseQueriesTests : CaseQueriesContract, IDisposable
{
    private readonly TempSqlite _db = new();
    private readonly CaseQueries _queries;
    protected override IGapCaseStore Cases { get; }
    protected override ICaseQueries Queries => _queries;

    public SqliteCaseQueriesTests()
    {
        Cases = new GapCaseStore(_db.Database);
        _queries = new CaseQueries(_db.Database);
    }

    public void Dispose()
    {
        _queries.Dispose();
        _db.Dispose();
    }
}

/// <summary>
/// The same contracts on SQL Server when DATAHUB_TEST_SQLSERVER is set. They share the database's case and web tables, so
/// they run one at a time (one collection) and each starts from emptied tables.
/// </summary>
[CollectionDefinition(SqlServerCaseTables.Collection, DisableParallelization = true)]
public sealed class SqlServerCaseTablesCollection;

[Collection(SqlServerCaseTables.Collection)]
[RequiresEnvironment(SqlServerTestDatabase.Variable, SqlServerTestDatabase.Why)]
public sealed class SqlServerGapCaseStoreTests : GapCaseStoreContract
{
    protected override IGapCaseStore Store { get; } = new SqlServerGapCaseStore(SqlServerCaseTables.Emptied());
}

[Collection(SqlServerCaseTables.Collection)]
[RequiresEnvironment(SqlServerTestDatabase.Variable, SqlServerTestDatabase.Why)]
public sealed class SqlServerWebUserStoreTests : WebUserStoreContract
{
    protected override IWebUserStore Users { get; } = new SqlServerWebUserStore(SqlServerCaseTables.Emptied());
}

[Collection(SqlServerCaseTables.Collection)]
[RequiresEnvironment(SqlServerTestDatabase.Variable, SqlServerTestDatabase.Why)]
public sealed class SqlServerAuditLogTests : AuditLogContract
{
    protected override IAuditLog Audit { get; } = new SqlServerAuditLog(SqlServerCaseTables.Emptied());
}

[Collection(SqlServerCaseTables.Collection)]
[RequiresEnvironment(SqlServerTestDatabase.Variable, SqlServerTestDatabase.Why)]
public sealed class SqlServerCaseQueriesTests : CaseQueriesContract
{
    protected override IGapCaseStore Cases { get; }
    protected override ICaseQueries Queries { get; }

    public SqlServerCaseQueriesTests()
    {
        var database = SqlServerCaseTables.Emptied();
        Cases = new SqlServerGapCaseStore(database);
        Queries = new SqlServerCaseQueries(database);
    }
}

public static class SqlServerCaseTables
{
    public const string Collection = "SQL Server case tables";

    /// <summary>Test-only: empties the gap case and web app tables (children first) of the test database.</summary>
    private const string EmptyTables = """
        DELETE FROM dbo.gap_case_trend; DELETE FROM dbo.gap_case_trend_run; DELETE FROM dbo.gap_case_assignment;
        DELETE FROM dbo.gap_event_outbox; DELETE FROM dbo.gap_case_history; DELETE FROM dbo.gap_case;
        DELETE FROM dbo.web_audit; DELETE FROM dbo.web_user;
        """;

    /// <summary>The migrated test database with the case and web tables emptied.</summary>
    public static SqlServerDatabase Emptied()
    {
        var database = SqlServerTestDatabase.Migrated();
        using var connection = database.Open();
        using var command = new SqlCommand(EmptyTables, connection);
        command.ExecuteNonQuery();
        return database;
    }
}
