using DataHub.Connectors.Definitions;
using DataHub.Hub.Hosting;
using DataHub.Hub.Kafka;
using DataHub.Hub.Pipeline;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace DataHub.Tests.Support;

/// <summary>
/// A hub on the embedded default (3-broker cluster, registry, SQLite in a temp folder) for one test,
/// or on configured parts when options say so. Disposing stops everything and deletes the folder.
/// </summary>
public sealed class HubHarness : IAsyncDisposable
{
    private HubHarness(HubRuntime runtime, string directory)
    {
        Runtime = runtime;
        Directory = directory;
    }

    public HubRuntime Runtime { get; }
    public string Directory { get; }

    public static async Task<HubHarness> StartAsync(KafkaOptions? kafka = null, SchemaRegistryOptions? registry = null, StoreOptions? store = null)
    {
        var dir = Path.Combine(Path.GetTempPath(), "datahub-test-" + Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(dir);
        var runtime = await HubRuntime.StartAsync(
            Options.Create(new DataHubOptions { DataDirectory = dir }),
            Options.Create(kafka ?? new KafkaOptions()),
            Options.Create(registry ?? new SchemaRegistryOptions()),
            Options.Create(store ?? new StoreOptions()),
            NullLoggerFactory.Instance);
        return new HubHarness(runtime, dir);
    }

    public FeedRunner NewRunner() =>
        new(Runtime.Kafka, Runtime.Registry, Runtime.FeedState, NullLogger<FeedRunner>.Instance);

    public Task<FeedRunResult> RunAsync(FeedDefinition feed, params string[] files) =>
        NewRunner().RunAsync(feed, files, "test");

    /// <summary>Reads a topic to its end in a fresh consumer group, decoding with the stock Confluent deserializer.</summary>
    public List<DecodedRecord> ReadTopic(string topic) =>
        TopicReader.ReadToEnd(Runtime.Kafka, Runtime.Registry, topic, $"test-reader-{Guid.NewGuid():N}", TimeSpan.FromSeconds(60));

    /// <summary>Writes a file into the harness folder and returns its path.</summary>
    public string WriteFile(string name, string content, System.Text.Encoding? encoding = null)
    {
        var path = Path.Combine(Directory, name);
        File.WriteAllText(path, content, encoding ?? new System.Text.UTF8Encoding(false));
        return path;
    }

    public async ValueTask DisposeAsync()
    {
        await Runtime.DisposeAsync();
        try { System.IO.Directory.Delete(Directory, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
