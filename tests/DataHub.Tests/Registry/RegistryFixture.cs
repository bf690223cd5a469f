using DataHub.Hub.Registry;
using DataHub.Hub.Store;

namespace DataHub.Tests.Registry;

/// <summary>A running <see cref="EmbeddedSchemaRegistry"/> on an ephemeral port over a temporary SQLite file.</summary>
public sealed class RegistryFixture : IAsyncLifetime
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "datahub-registry-" + Guid.NewGuid().ToString("N"));

    public SqliteDatabase Database { get; private set; } = null!;
    public EmbeddedSchemaRegistry Registry { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Database = SqliteDatabase.InDirectory(_directory);
        Registry = await StartAsync(Database);
    }

    public static async Task<EmbeddedSchemaRegistry> StartAsync(SqliteDatabase database)
    {
        var registry = new EmbeddedSchemaRegistry(database);
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
