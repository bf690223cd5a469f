using Confluent.Kafka;
using Confluent.Kafka.Admin;
using Confluent.SchemaRegistry;
using DataHub.Hub.Kafka;
using DataHub.Hub.Registry;
using DataHub.Hub.Store;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DataHub.Hub.Hosting;

/// <summary>
/// The running parts the hub's commands use: Kafka, the schema registry and the store. Each part is
/// the configured one when configured, else the embedded one (started here, stopped on dispose), so
/// the same code path serves both modes. The log says which.
/// </summary>
public sealed class HubRuntime : IAsyncDisposable
{
    private readonly EmbeddedKafkaCluster? _cluster;
    private readonly EmbeddedSchemaRegistry? _registryServer;

    private HubRuntime(KafkaConnection kafka, string registryUrl, ISchemaRegistryClient registry, HubStore store,
        EmbeddedKafkaCluster? cluster, EmbeddedSchemaRegistry? registryServer)
    {
        Kafka = kafka;
        RegistryUrl = registryUrl;
        Registry = registry;
        Store = store;
        FeedState = store.FeedState;
        _cluster = cluster;
        _registryServer = registryServer;
    }

    public KafkaConnection Kafka { get; }
    public string RegistryUrl { get; }
    public ISchemaRegistryClient Registry { get; }
    /// <summary>The store (SQLite or SQL Server, by Store:Provider).</summary>
    public HubStore Store { get; }
    /// <summary>The SQLite database; only when Store:Provider is sqlite.</summary>
    public SqliteDatabase Database => Store.Sqlite ?? throw new InvalidOperationException($"The store is {Store.Provider} ({Store.Description}), not SQLite.");
    public IFeedStateStore FeedState { get; }
    /// <summary>The embedded cluster, when the hub runs one (null against a configured cluster).</summary>
    public EmbeddedKafkaCluster? EmbeddedCluster => _cluster;
    public bool IsEmbeddedKafka => _cluster is not null;
    public bool IsEmbeddedRegistry => _registryServer is not null;

    public static async Task<HubRuntime> StartAsync(IOptions<DataHubOptions> hub, IOptions<KafkaOptions> kafkaOptions,
        IOptions<SchemaRegistryOptions> registryOptions, IOptions<StoreOptions> storeOptions, ILoggerFactory loggers, CancellationToken ct = default)
    {
        var log = loggers.CreateLogger<HubRuntime>();
        HubOptionsValidation.ThrowIfInvalid(hub.Value, kafkaOptions.Value, registryOptions.Value, storeOptions.Value);
        var store = await HubStore.OpenAsync(hub.Value, storeOptions.Value, log, ct);

        EmbeddedKafkaCluster? cluster = null;
        EmbeddedSchemaRegistry? registryServer = null;
        try
        {
            KafkaConnection kafka;
            var k = kafkaOptions.Value;
            if (string.IsNullOrWhiteSpace(k.BootstrapServers))
            {
                cluster = EmbeddedKafkaCluster.Start(k.EmbeddedBrokers, loggers.CreateLogger<EmbeddedKafkaCluster>());
                kafka = new KafkaConnection(cluster.BootstrapServers, cluster.Identity, k.Client);
                log.LogInformation("Kafka: embedded cluster ({Brokers} brokers) at {Bootstrap}", k.EmbeddedBrokers, cluster.BootstrapServers);
            }
            else
            {
                kafka = await ConnectAsync(k, ct);
                log.LogInformation("Kafka: configured cluster {Bootstrap} (cluster id {Id})", k.BootstrapServers, kafka.ClusterIdentity);
            }

            var r = registryOptions.Value;
            string registryUrl;
            if (string.IsNullOrWhiteSpace(r.Url))
            {
                registryServer = new EmbeddedSchemaRegistry(store.Registry, r.EmbeddedPort, loggers);
                await registryServer.StartAsync(ct);
                registryUrl = registryServer.Url;
                log.LogInformation("Schema registry: embedded at {Url}", registryUrl);
            }
            else
            {
                registryUrl = r.Url!;
                log.LogInformation("Schema registry: configured at {Url}", registryUrl);
            }
            var registryConfig = new SchemaRegistryConfig { Url = registryUrl };
            if (!string.IsNullOrEmpty(r.BasicAuthUserInfo))
            {
                registryConfig.BasicAuthCredentialsSource = AuthCredentialsSource.UserInfo;
                registryConfig.BasicAuthUserInfo = r.BasicAuthUserInfo;
            }
            var registry = new CachedSchemaRegistryClient(registryConfig);
            if (registryServer is null) await CheckRegistryAsync(registry, registryUrl, ct);
            return new HubRuntime(kafka, registryUrl, registry, store, cluster, registryServer);
        }
        catch
        {
            if (registryServer is not null) await registryServer.DisposeAsync();
            cluster?.Dispose();
            throw;
        }
    }

    private static async Task<KafkaConnection> ConnectAsync(KafkaOptions k, CancellationToken ct)
    {
        var probe = new KafkaConnection(k.BootstrapServers!, $"kafka:{k.BootstrapServers}", k.Client);
        using var admin = new AdminClientBuilder(probe.AdminConfig()).SetLogHandler((_, _) => { }).Build();
        try
        {
            if (admin.GetMetadata(TimeSpan.FromSeconds(k.ConnectTimeoutSeconds)).Brokers.Count == 0)
                throw new KafkaException(ErrorCode.BrokerNotAvailable);
        }
        catch (KafkaException e)
        {
            throw new HubConfigurationException("Kafka:BootstrapServers", $"no broker at '{k.BootstrapServers}' answered within {k.ConnectTimeoutSeconds} s ({e.Message})");
        }
        try
        {
            // Brokers that answered metadata answer DescribeCluster at once, unless they lack it.
            var describe = TimeSpan.FromSeconds(Math.Min(3, k.ConnectTimeoutSeconds));
            var cluster = await admin.DescribeClusterAsync(new DescribeClusterOptions { RequestTimeout = describe })
                .WaitAsync(describe + TimeSpan.FromSeconds(1), ct);
            return probe with { ClusterIdentity = $"kafka:{cluster.ClusterId}" };
        }
        catch (Exception e) when (e is KafkaException or TimeoutException)
        {
            // Without DescribeCluster (older brokers; another process's embedded cluster, which has no
            // controller) the cluster is identified by its bootstrap address.
            return probe with { ClusterIdentity = $"kafka:{k.BootstrapServers}" };
        }
    }

    private static async Task CheckRegistryAsync(ISchemaRegistryClient registry, string url, CancellationToken ct)
    {
        try
        {
            await registry.GetAllSubjectsAsync().WaitAsync(TimeSpan.FromSeconds(15), ct);
        }
        catch (Exception e) when (e is HttpRequestException or SchemaRegistryException or TimeoutException or InvalidOperationException or AggregateException)
        {
            throw new HubConfigurationException("SchemaRegistry:Url", $"no schema registry answered at '{url}' ({e.Message})");
        }
    }

    public async ValueTask DisposeAsync()
    {
        Registry.Dispose();
        if (_registryServer is not null) await _registryServer.DisposeAsync();
        _cluster?.Dispose();
    }
}

/// <summary>A setting that stops the hub from starting, named so the operator knows what to fix.</summary>
public sealed class HubConfigurationException(string setting, string problem) : Exception($"{setting}: {problem}")
{
    public string Setting { get; } = setting;
}
