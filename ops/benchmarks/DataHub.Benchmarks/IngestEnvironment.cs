using Confluent.SchemaRegistry;
using DataHub.Hub.Kafka;
using DataHub.Hub.Registry;
using DataHub.Hub.Store;
using Microsoft.Extensions.Logging.Abstractions;

namespace DataHub.Benchmarks;

/// <summary>The embedded cluster, registry and store the ingest benchmark runs on, in a temporary folder.</summary>
internal sealed class IngestEnvironment : IAsyncDisposable
{
    public const string Topic = "mi.tax.contribution.v1";
    public const int Partitions = 12;

    private IngestEnvironment(string directory, EmbeddedKafkaCluster cluster, EmbeddedSchemaRegistry registryServer, SqliteDatabase database)
    {
        Directory = directory;
        Cluster = cluster;
        RegistryServer = registryServer;
        Kafka = new KafkaConnection(cluster.BootstrapServers, cluster.Identity, new Dictionary<string, string>());
        Registry = new CachedSchemaRegistryClient(new SchemaRegistryConfig { Url = registryServer.Url });
        State = new SqliteFeedStateStore(database);
    }

    public string Directory { get; }
    public EmbeddedKafkaCluster Cluster { get; }
    public EmbeddedSchemaRegistry RegistryServer { get; }
    public KafkaConnection Kafka { get; }
    public ISchemaRegistryClient Registry { get; }
    public IFeedStateStore State { get; }

    public static async Task<IngestEnvironment> StartAsync()
    {
        var directory = Path.Combine(Path.GetTempPath(), "datahub-ingest-" + Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(directory);
        var database = SqliteDatabase.InDirectory(directory);
        var cluster = EmbeddedKafkaCluster.Start(3);
        cluster.CreateTopic(Topic, Partitions);
        var registry = new EmbeddedSchemaRegistry(database, 0, NullLoggerFactory.Instance);
        await registry.StartAsync();
        return new IngestEnvironment(directory, cluster, registry, database);
    }

    public async ValueTask DisposeAsync()
    {
        Registry.Dispose();
        await RegistryServer.DisposeAsync();
        Cluster.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { System.IO.Directory.Delete(Directory, recursive: true); } catch (IOException) { }
    }
}
