using DataHub.Hub.Hosting;
using DataHub.Hub.Kafka;
using DataHub.Hub.Registry;
using DataHub.Hub.Store;
using DataHub.Schemas.Topics;
using DataHub.Tests.Support;

namespace DataHub.Tests.Pipeline;

/// <summary>The same code path on configured parts (Kafka:BootstrapServers, SchemaRegistry:Url, Store:ConnectionString).</summary>
public sealed class ConfiguredPartsTests
{
    [Fact]
    public async Task Configured_cluster_registry_and_store_are_used_instead_of_embedded_ones()
    {
        using var cluster = EmbeddedKafkaCluster.Start(3);
        var registryDir = Directory.CreateTempSubdirectory("datahub-registry-");
        await using var registry = new EmbeddedSchemaRegistry(SqliteDatabase.InDirectory(registryDir.FullName));
        await registry.StartAsync();
        var storeFile = Path.Combine(registryDir.FullName, "configured-store.db");

        await using var hub = await HubHarness.StartAsync(
            new KafkaOptions { BootstrapServers = cluster.BootstrapServers },
            new SchemaRegistryOptions { Url = registry.Url },
            new StoreOptions { ConnectionString = $"Data Source={storeFile}" });

        Assert.False(hub.Runtime.IsEmbeddedKafka);
        Assert.False(hub.Runtime.IsEmbeddedRegistry);
        Assert.Equal(cluster.BootstrapServers, hub.Runtime.Kafka.BootstrapServers);
        var file = hub.WriteFile("configured.csv", SyntheticBirths.Csv(SyntheticBirths.Rows(20, seed: 5)));
        var result = await hub.RunAsync(ShippedFeeds.LoadWithSource("public-security/births.yaml", file), file);

        Assert.Equal(20, result.Published);
        Assert.Equal(20, hub.ReadTopic(TopicCatalog.Births).Count);
        Assert.True(File.Exists(storeFile));
        Assert.Contains($"{TopicCatalog.Births}-value", await hub.Runtime.Registry.GetAllSubjectsAsync());
        registryDir.Delete(recursive: true);
    }

    [Fact]
    public async Task Unreachable_kafka_fails_fast_naming_the_setting()
    {
        var error = await Assert.ThrowsAsync<HubConfigurationException>(() =>
            HubHarness.StartAsync(new KafkaOptions { BootstrapServers = "127.0.0.1:1", ConnectTimeoutSeconds = 3 }));
        Assert.Equal("Kafka:BootstrapServers", error.Setting);
    }

    [Fact]
    public async Task Wrong_registry_url_fails_fast_naming_the_setting()
    {
        var error = await Assert.ThrowsAsync<HubConfigurationException>(() =>
            HubHarness.StartAsync(registry: new SchemaRegistryOptions { Url = "http://127.0.0.1:1" }));
        Assert.Equal("SchemaRegistry:Url", error.Setting);
    }

    [Fact]
    public async Task Bad_store_connection_string_fails_fast_naming_the_setting()
    {
        var error = await Assert.ThrowsAsync<HubConfigurationException>(() =>
            HubHarness.StartAsync(store: new StoreOptions { ConnectionString = "Data Source=/proc/no-such-dir/x.db" }));
        Assert.Equal("Store:ConnectionString", error.Setting);
    }
}
