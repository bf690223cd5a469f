using Confluent.SchemaRegistry;
using DataHub.Hub.Kafka;
using DataHub.Hub.Registry;
using DataHub.Hub.Store;
using Microsoft.Extensions.Logging.Abstractions;

namespace DataHub.Tests.Pipeline;

/// <summary>An embedded Kafka cluster, schema registry and SQLite store in a temporary folder, for one test.</summary>
public sealed class EmbeddedHub : IAsyncDisposable
{
    private EmbeddedHub(string directory, EmbeddedKafkaCluster cluster, EmbeddedSchemaRegistry registryServer, SqliteDatabase database)
    {
        Directory = directory;
        Cluster = cluster;
        RegistryServer = registryServer;
        Database = database;
        Kafka = new KafkaConnection(cluster.BootstrapServers, cluster.Identity, new Dictionary<string, string>());
        Registry = new CachedSchemaRegistryClient(new SchemaRegistryConfig { Url = registryServer.Url });
        State = new SqliteFeedStateStore(database);
    }

    public string Directory { get; }
    public EmbeddedKafkaCluster Cluster { get; }
    public EmbeddedSchemaRegistry RegistryServer { get; }
    public SqliteDatabase Database { get; }
    public KafkaConnection Kafka { get; }
    public ISchemaRegistryClient Registry { get; }
    public IFeedStateStore State { get; }

    /// <summary>The store's file, for a child process (DATAHUB__Store__ConnectionString).</summary>
    public string StoreConnectionString => Database.ConnectionString;

    public static async Task<EmbeddedHub> StartAsync(int brokers = 3)
    {
        var directory = Path.Combine(Path.GetTempPath(), "datahub-pipeline-" + Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(directory);
        var database = SqliteDatabase.InDirectory(directory);
        var cluster = EmbeddedKafkaCluster.Start(brokers);
        var registry = new EmbeddedSchemaRegistry(database, 0, NullLoggerFactory.Instance);
        await registry.StartAsync();
        return new EmbeddedHub(directory, cluster, registry, database);
    }

    /// <summary>Low watermark of every partition: above 0 means the embedded cluster dropped records (counts would be wrong).</summary>
    public IReadOnlyList<long> LowWatermarks(string topic, int partitions)
    {
        using var consumer = new Confluent.Kafka.ConsumerBuilder<byte[], byte[]>(Kafka.ConsumerConfig("watermarks-" + Guid.NewGuid().ToString("N")))
            .SetLogHandler((_, _) => { }).Build();
        return Enumerable.Range(0, partitions)
            .Select(p => consumer.QueryWatermarkOffsets(new Confluent.Kafka.TopicPartition(topic, p), TimeSpan.FromSeconds(10)).Low.Value).ToList();
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
