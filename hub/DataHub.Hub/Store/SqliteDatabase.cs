using Microsoft.Data.Sqlite;

namespace DataHub.Hub.Store;

/// <summary>
/// The embedded store: one SQLite file (WAL mode) shared by the hub's components. Each component
/// keeps its own tables and creates them on first use with <see cref="EnsureSchema"/>.
/// </summary>
public sealed class SqliteDatabase
{
    private readonly string _connectionString;
    private readonly HashSet<string> _ensured = [];
    private readonly Lock _gate = new();

    public SqliteDatabase(string connectionString)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString) { Pooling = true };
        if (builder.DataSource is { Length: > 0 } path && path != ":memory:" && builder.Mode != SqliteOpenMode.Memory)
        {
            var dir = Path.GetDirectoryName(Path.GetFullPath(path));
            if (!string.IsNullOrEmpty(dir)) Directory.CreateDirectory(dir);
        }
        _connectionString = builder.ToString();
        FilePath = builder.DataSource is { Length: > 0 } file && file != ":memory:" ? Path.GetFullPath(file) : builder.DataSource;
        using var connection = new SqliteConnection(_connectionString);
        connection.Open();
        Execute(connection, "PRAGMA journal_mode=WAL;");
    }

    /// <summary>A store file under <paramref name="directory"/> (created when missing).</summary>
    public static SqliteDatabase InDirectory(string directory, string fileName = "datahub.db") =>
        new($"Data Source={Path.Combine(directory, fileName)}");

    public string ConnectionString => _connectionString;

    /// <summary>The database file (full path), for people to find it.</summary>
    public string FilePath { get; }

    /// <summary>An open connection with a busy timeout, so concurrent writers wait instead of failing.</summary>
    public SqliteConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        Execute(connection, "PRAGMA busy_timeout=10000; PRAGMA synchronous=NORMAL;");
        return connection;
    }

    /// <summary>Runs a component's CREATE TABLE IF NOT EXISTS script once per process.</summary>
    public void EnsureSchema(string component, string ddl)
    {
        lock (_gate)
        {
            if (!_ensured.Add(component)) return;
        }
        using var connection = Open();
        Execute(connection, ddl);
    }

    /// <summary>Adds a column a later version needs to a table an earlier version made (no-op when it is there).</summary>
    public void AddColumnIfMissing(string table, string column, string type)
    {
        using var connection = Open();
        using var transaction = connection.BeginTransaction();
        using var check = connection.CreateCommand();
        check.Transaction = transaction;
        check.CommandText = $"SELECT COUNT(*) FROM pragma_table_info('{table}') WHERE name='{column}'";
        if ((long)check.ExecuteScalar()! == 0)
        {
            using var alter = connection.CreateCommand();
            alter.Transaction = transaction;
            alter.CommandText = $"ALTER TABLE {table} ADD COLUMN {column} {type}";
            alter.ExecuteNonQuery();
        }
        transaction.Commit();
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
