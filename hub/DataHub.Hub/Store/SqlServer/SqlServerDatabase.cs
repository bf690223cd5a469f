using System.Data;
using Microsoft.Data.SqlClient;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace DataHub.Hub.Store.SqlServer;

/// <summary>
/// The production store: a SQL Server database shared by the hub's instances. <see cref="MigrateAsync"/>
/// brings its schema up to date (numbered scripts, each applied once, recorded in dbo.datahub_schema_migrations).
/// </summary>
public sealed class SqlServerDatabase
{
    /// <summary>The readiness probe.</summary>
    public const string Ping = "SELECT 1;";

    private readonly ILogger _logger;

    public SqlServerDatabase(string connectionString, ILogger? logger = null)
    {
        // Parsing here turns a malformed string into an ArgumentException at start, not at first use.
        var builder = new SqlConnectionStringBuilder(connectionString);
        if (string.IsNullOrWhiteSpace(builder.DataSource))
            throw new ArgumentException("the connection string names no server (Server=… or Data Source=…)");
        ConnectionString = builder.ConnectionString;
        Description = $"{builder.DataSource}/{(string.IsNullOrEmpty(builder.InitialCatalog) ? "(default database)" : builder.InitialCatalog)}";
        _logger = logger ?? NullLogger.Instance;
    }

    public string ConnectionString { get; }

    /// <summary>Server and database, without credentials, for logs and people.</summary>
    public string Description { get; }

    public SqlConnection Open()
    {
        var connection = new SqlConnection(ConnectionString);
        connection.Open();
        return connection;
    }

    public async Task<SqlConnection> OpenAsync(CancellationToken ct)
    {
        var connection = new SqlConnection(ConnectionString);
        await connection.OpenAsync(ct);
        return connection;
    }

    public async Task PingAsync(CancellationToken ct)
    {
        await using var connection = await OpenAsync(ct);
        await using var command = SqlServerCommand.Create(connection, Ping);
        await command.ExecuteScalarAsync(ct);
    }

    /// <summary>Applies the migrations not yet applied, in order, in one transaction under an application lock.</summary>
    public async Task<IReadOnlyList<SqlServerMigration>> MigrateAsync(CancellationToken ct = default)
    {
        await using var connection = await OpenAsync(ct);
        await using var transaction = (SqlTransaction)await connection.BeginTransactionAsync(IsolationLevel.ReadCommitted, ct);
        var lockResult = Convert.ToInt32(await Scalar(connection, transaction, SqlServerMigrations.AcquireLock, ct, ("@timeoutMs", 60_000)));
        if (lockResult < 0) throw new TimeoutException($"another instance held the migration lock for 60 s (sp_getapplock returned {lockResult})");
        await Scalar(connection, transaction, SqlServerMigrations.EnsureHistoryTable, ct);

        var applied = new HashSet<int>();
        await using (var command = SqlServerCommand.Create(connection, SqlServerMigrations.AppliedNumbers, transaction))
        await using (var reader = await command.ExecuteReaderAsync(ct))
            while (await reader.ReadAsync(ct)) applied.Add(reader.GetInt32(0));

        var done = new List<SqlServerMigration>();
        foreach (var migration in SqlServerMigrations.All.Where(m => !applied.Contains(m.Number)).OrderBy(m => m.Number))
        {
            _logger.LogInformation("Store: applying migration {Number} ({Name})", migration.Number, migration.Name);
            await Scalar(connection, transaction, migration.Script, ct);
            await Scalar(connection, transaction, SqlServerMigrations.RecordApplied, ct, ("@number", migration.Number), ("@name", migration.Name));
            done.Add(migration);
        }
        await transaction.CommitAsync(ct);
        return done;
    }

    private static async Task<object?> Scalar(SqlConnection connection, SqlTransaction transaction, string sql, CancellationToken ct,
        params (string Name, object? Value)[] parameters)
    {
        await using var command = SqlServerCommand.Create(connection, sql, transaction, parameters);
        return await command.ExecuteScalarAsync(ct);
    }
}
