using System.Runtime.InteropServices;
using DataHub.Schemas.Topics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace DataHub.Hub.Kafka;

/// <summary>
/// A Kafka-protocol cluster inside this process: librdkafka's built-in cluster, reached through
/// P/Invoke and served over TCP on loopback, so every client (producer, consumer, consumer group)
/// uses its real network code. Topics live in memory and keep only about 5 MB per partition
/// (older batches are dropped), so in embedded mode the store is the system of record.
/// </summary>
public sealed class EmbeddedKafkaCluster : IDisposable
{
    private readonly ILogger _logger;
    private IntPtr _handle;
    private IntPtr _cluster;

    private EmbeddedKafkaCluster(IntPtr handle, IntPtr cluster, int brokers, ILogger logger)
    {
        _handle = handle;
        _cluster = cluster;
        _logger = logger;
        BrokerCount = brokers;
        BootstrapServers = Marshal.PtrToStringUTF8(LibrdkafkaNative.rd_kafka_mock_cluster_bootstraps(cluster))
            ?? throw new InvalidOperationException("the embedded cluster reported no bootstrap address");
    }

    /// <summary>host:port of every broker, comma-separated, for any Kafka client.</summary>
    public string BootstrapServers { get; }

    public int BrokerCount { get; }

    /// <summary>Identifies this cluster's lifetime: a new embedded cluster starts empty.</summary>
    public string Identity { get; } = $"embedded:{Guid.NewGuid():N}";

    /// <summary>Starts a cluster of <paramref name="brokers"/> brokers and creates the catalog's topics.</summary>
    public static EmbeddedKafkaCluster Start(int brokers = 3, ILogger? logger = null, IEnumerable<TopicDefinition>? topics = null)
    {
        logger ??= NullLogger.Instance;
        Confluent.Kafka.Library.Load();
        var error = new byte[512];
        var conf = LibrdkafkaNative.rd_kafka_conf_new();
        // The handle only hosts the cluster; it never connects anywhere, so its "no bootstrap.servers" notice is noise.
        LibrdkafkaNative.rd_kafka_conf_set(conf, "log_level", "3", error, (UIntPtr)error.Length);
        var handle = LibrdkafkaNative.rd_kafka_new(LibrdkafkaNative.ProducerType, conf, error, (UIntPtr)error.Length);
        if (handle == IntPtr.Zero)
            throw new InvalidOperationException($"librdkafka could not create a handle: {LibrdkafkaNative.Text(error)}");
        var cluster = LibrdkafkaNative.rd_kafka_mock_cluster_new(handle, brokers);
        if (cluster == IntPtr.Zero)
        {
            LibrdkafkaNative.rd_kafka_destroy(handle);
            throw new InvalidOperationException("librdkafka could not start its embedded cluster");
        }
        // A real cluster waits 3 s for more members before the first rebalance; one process needs no wait.
        LibrdkafkaNative.rd_kafka_mock_group_initial_rebalance_delay_ms(cluster, 0);
        var embedded = new EmbeddedKafkaCluster(handle, cluster, brokers, logger);
        foreach (var topic in topics ?? TopicCatalog.All) embedded.CreateTopic(topic.Name, topic.Partitions);
        logger.LogInformation("Embedded Kafka cluster with {Brokers} brokers at {Bootstrap}", brokers, embedded.BootstrapServers);
        return embedded;
    }

    /// <summary>
    /// Creates a topic. (AdminClient.CreateTopics against this cluster times out waiting for a
    /// controller, so topics are created through the cluster's own API.)
    /// </summary>
    public void CreateTopic(string name, int partitions, int replicationFactor = 0)
    {
        var rf = replicationFactor > 0 ? replicationFactor : Math.Min(3, BrokerCount);
        var err = LibrdkafkaNative.rd_kafka_mock_topic_create(Cluster, name, partitions, rf);
        if (err != 0) throw new InvalidOperationException($"could not create topic {name}: {LibrdkafkaNative.ErrorText(err)}");
        _logger.LogDebug("Created topic {Topic} with {Partitions} partitions", name, partitions);
    }

    /// <summary>Takes a broker down (1-based id), as a lost broker would be.</summary>
    public void SetBrokerDown(int brokerId) => Check(LibrdkafkaNative.rd_kafka_mock_broker_set_down(Cluster, brokerId), $"take broker {brokerId} down");

    public void SetBrokerUp(int brokerId) => Check(LibrdkafkaNative.rd_kafka_mock_broker_set_up(Cluster, brokerId), $"bring broker {brokerId} up");

    /// <summary>
    /// Makes the cluster answer the next <paramref name="count"/> requests of a protocol API (0 = Produce) with the
    /// Kafka error code <paramref name="error"/>, whichever broker they reach: to test how clients take failures.
    /// </summary>
    public void FailNextRequests(short apiKey, int error, int count = 1) =>
        LibrdkafkaNative.rd_kafka_mock_push_request_errors_array(Cluster, apiKey, (UIntPtr)count, Enumerable.Repeat(error, count).ToArray());

    private IntPtr Cluster => _cluster != IntPtr.Zero ? _cluster : throw new ObjectDisposedException(nameof(EmbeddedKafkaCluster));

    private static void Check(int err, string what)
    {
        if (err != 0) throw new InvalidOperationException($"could not {what}: {LibrdkafkaNative.ErrorText(err)}");
    }

    public void Dispose()
    {
        if (_cluster != IntPtr.Zero) LibrdkafkaNative.rd_kafka_mock_cluster_destroy(_cluster);
        if (_handle != IntPtr.Zero) LibrdkafkaNative.rd_kafka_destroy(_handle);
        _cluster = IntPtr.Zero;
        _handle = IntPtr.Zero;
    }
}
