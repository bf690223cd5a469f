using DataHub.Hub.Hosting;
using DataHub.Hub.Kafka;
using DataHub.Hub.Pipeline;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace DataHub.Tests.Support;

/// <summary>
/// A whole embedded hub for a test class (use as IClassFixture): <see cref="HubRuntime"/> with the embedded
/// Kafka cluster, the embedded schema registry and a SQLite store in a temporary data directory, deleted at the end.
/// </summary>
public sealed class EmbeddedHubFixture : IAsyncLifetime
{
    private static readonly TimeSpan ReadTimeout = TimeSpan.FromSeconds(60);

    public string DataDirectory { get; } = Path.Combine(Path.GetTempPath(), "datahub-hub-" + Guid.NewGuid().ToString("N"));

    public HubRuntime Runtime { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Runtime = await HubRuntime.StartAsync(
            Options.Create(new DataHubOptions { DataDirectory = Path.Combine(DataDirectory, "data") }),
            Options.Create(new KafkaOptions()),
            Options.Create(new SchemaRegistryOptions()),
            Options.Create(new StoreOptions()),
            NullLoggerFactory.Instance);
    }

    /// <summary>A feed runner on this hub (Kafka, registry, feed state store).</summary>
    public FeedRunner NewFeedRunner() =>
        new(Runtime.Kafka, Runtime.Registry, Runtime.FeedState, NullLogger<FeedRunner>.Instance);

    /// <summary>Every record of a topic, decoded, read in a consumer group of its own (a fresh group id per call).</summary>
    public List<DecodedRecord> ReadTopic(string topic) =>
        TopicReader.ReadToEnd(Runtime.Kafka, Runtime.Registry, topic, $"test-{Guid.NewGuid():N}", ReadTimeout);

    /// <summary>A new empty folder under the fixture's temporary directory (deleted with it).</summary>
    public string NewDirectory(string? name = null)
    {
        var path = Path.Combine(DataDirectory, name ?? Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(path);
        return path;
    }

    /// <summary>Creates a topic that is not in the catalog (catalog topics exist from the start).</summary>
    public void CreateTopic(string name, int partitions = 3) =>
        (Runtime.EmbeddedCluster ?? throw new InvalidOperationException("not an embedded cluster")).CreateTopic(name, partitions);

    public async Task DisposeAsync()
    {
        await Runtime.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(DataDirectory, recursive: true); } catch (IOException) { }
    }
}
