using DataHub.Hub.Registry;
using DataHub.Hub.Store;
using Microsoft.Extensions.Logging;

namespace DataHub.Tests.Registry;

/// <summary>A running <see cref="EmbeddedSchemaRegistry"/> on an ephemeral port over a temporary SQLite file.</summary>
public sealed class RegistryFixture : IAsyncLifetime
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "datahub-registry-" + Guid.NewGuid().ToString("N"));

    public RecordingLoggerProvider Log { get; } = new();
    public SqliteDatabase Database { get; private set; } = null!;
    public EmbeddedSchemaRegistry Registry { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Database = SqliteDatabase.InDirectory(_directory);
        Registry = await StartAsync(Database);
    }

    /// <summary>Requests that matched no endpoint (the registry logs each as a warning).</summary>
    public IEnumerable<string> UnservedRequests =>
        Log.Lines.Where(l => l.Message.StartsWith("Schema registry: no endpoint", StringComparison.Ordinal)).Select(l => l.Message);

    /// <summary>Every request the registry received, as "METHOD path?query".</summary>
    public IEnumerable<string> Requests =>
        Log.Lines.Where(l => l.Level == LogLevel.Debug && l.Message.StartsWith("Schema registry: ", StringComparison.Ordinal) && !l.Message.Contains(" refused: "))
            .Select(l => l.Message["Schema registry: ".Length..]);

    private async Task<EmbeddedSchemaRegistry> StartAsync(SqliteDatabase database)
    {
        var registry = new EmbeddedSchemaRegistry(database, loggerFactory: LoggerFactory.Create(b => b.SetMinimumLevel(LogLevel.Debug).AddProvider(Log)));
        await registry.StartAsync();
        return registry;
    }

    /// <summary>Stops the registry and starts a new one over the same store file.</summary>
    public async Task RestartAsync()
    {
        await Registry.DisposeAsync();
        Registry = await StartAsync(new SqliteDatabase(Database.ConnectionString));
    }

    public async Task DisposeAsync()
    {
        await Registry.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(_directory, recursive: true); } catch (IOException) { }
    }
}
