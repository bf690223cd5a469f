using Confluent.SchemaRegistry;
using DataHub.Hub.Hosting;
using DataHub.Hub.Kafka;
using DataHub.Hub.Store;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace DataHub.Benchmarks;

/// <summary>
/// The hub's embedded default (cluster, registry, store) started the way the hub starts it, in a temporary
/// folder, plus the benchmark's own many-partition topic.
/// </summary>
internal sealed class IngestEnvironment : IAsyncDisposable
{
    // Its own topic (not the catalog's 6-partition one), spread over more partitions.
    public const string Topic = "bench.tax.contribution.v1";
    public const int Partitions = 12;

    private readonly HubRuntime _runtime;

    private IngestEnvironment(string directory, HubRuntime runtime)
    {
        Directory = directory;
        _runtime = runtime;
    }

    public string Directory { get; }
    public KafkaConnection Kafka => _runtime.Kafka;
    public ISchemaRegistryClient Registry => _runtime.Registry;
    public string RegistryUrl => _runtime.RegistryUrl;
    public IFeedStateStore State => _runtime.FeedState;

    public static async Task<IngestEnvironment> StartAsync()
    {
        var directory = Path.Combine(Path.GetTempPath(), "datahub-ingest-" + Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(directory);
        var runtime = await HubRuntime.StartAsync(Options.Create(new DataHubOptions { DataDirectory = directory }),
            Options.Create(new KafkaOptions()), Options.Create(new SchemaRegistryOptions()), Options.Create(new StoreOptions()),
            NullLoggerFactory.Instance);
        runtime.EmbeddedCluster!.CreateTopic(Topic, Partitions);
        return new IngestEnvironment(directory, runtime);
    }

    public async ValueTask DisposeAsync()
    {
        await _runtime.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { System.IO.Directory.Delete(Directory, recursive: true); } catch (IOException) { }
    }
}
