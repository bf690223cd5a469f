using DataHub.Hub.Store;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.ObjectPool;

namespace DataHub.Hub.Web;

/// <summary>
/// The web app's read connections: open, read-only (PRAGMA query_only) SQLite connections kept in an ObjectPool, each
/// keeping its prepared statements by SQL text. Microsoft.Data.Sqlite pools connections but prepares every command
/// afresh, and preparing a page query costs about as much as running it; a kept statement is only reset and re-bound.
/// </summary>
public sealed class ReadConnections : IDisposable
{
    /// <summary>Connections kept between requests (more are opened under a burst and closed when handed back).</summary>
    public const int Retained = 32;

    private readonly ObjectPool<ReadConnection> _pool;

    public ReadConnections(SqliteDatabase db)
    {
        // Unpooled by Microsoft.Data.Sqlite: a query_only connection must never be handed to a writer.
        var connectionString = new SqliteConnectionStringBuilder(db.ConnectionString) { Pooling = false }.ToString();
        // For an IDisposable type the provider's pool disposes what it does not keep, and what it keeps when disposed.
        _pool = new DefaultObjectPoolProvider { MaximumRetained = Retained }.Create(new Policy(connectionString));
    }

    public T Read<T>(Func<ReadConnection, T> read)
    {
        var connection = _pool.Get();
        try
        {
            return read(connection);
        }
        catch
        {
            connection.Break(); // not kept: whatever failed stays with this connection
            throw;
        }
        finally
        {
            _pool.Return(connection);
        }
    }

    public void Dispose() => (_pool as IDisposable)?.Dispose();

    private sealed class Policy(string connectionString) : PooledObjectPolicy<ReadConnection>
    {
        public override ReadConnection Create() => new(connectionString);

        public override bool Return(ReadConnection connection) => connection.IsUsable;
    }
}

/// <summary>One open read-only connection and its prepared statements.</summary>
public sealed class ReadConnection : IDisposable
{
    /// <summary>Distinct statements kept per connection; a filter combination past this starts the cache afresh.</summary>
    private const int MaxStatements = 256;

    private readonly SqliteConnection _connection;
    private readonly Dictionary<string, SqliteCommand> _statements = new(StringComparer.Ordinal);
    private bool _broken;

    internal ReadConnection(string connectionString)
    {
        _connection = new SqliteConnection(connectionString);
        _connection.Open();
        using var setup = _connection.CreateCommand();
        // mmap: pages are read in place from the OS page cache, which all read connections share, instead of being copied
        // into each connection's private 2 MB cache (a walk over a million cases touches far more than 2 MB of pages).
        // SQLite caps the size at its compile-time maximum.
        setup.CommandText = "PRAGMA busy_timeout=10000; PRAGMA query_only=1; PRAGMA mmap_size=2147418112;";
        setup.ExecuteNonQuery();
    }

    internal bool IsUsable => !_broken && _connection.State == System.Data.ConnectionState.Open;

    /// <summary>The statement for this SQL, prepared on first use, with these parameters bound.</summary>
    public SqliteCommand Command(string sql, IReadOnlyDictionary<string, object?> parameters)
    {
        if (!_statements.TryGetValue(sql, out var command))
        {
            if (_statements.Count >= MaxStatements) ClearStatements();
            command = _connection.CreateCommand();
            command.CommandText = sql;
            _statements[sql] = command;
        }
        command.Parameters.Clear();
        foreach (var (name, value) in parameters) command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        return command;
    }

    internal void Break() => _broken = true;

    private void ClearStatements()
    {
        foreach (var command in _statements.Values) command.Dispose();
        _statements.Clear();
    }

    public void Dispose()
    {
        ClearStatements();
        _connection.Dispose();
    }
}
