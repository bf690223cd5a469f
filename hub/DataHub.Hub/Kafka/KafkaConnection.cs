using Confluent.Kafka;

namespace DataHub.Hub.Kafka;

/// <summary>
/// Where the hub's Kafka is and how to talk to it: the bootstrap servers, an identity of the cluster
/// (checkpoints are per cluster: a new embedded cluster starts empty) and any extra librdkafka
/// settings from configuration (SASL, TLS, …) passed through unchanged.
/// </summary>
public sealed record KafkaConnection(string BootstrapServers, string ClusterIdentity, IReadOnlyDictionary<string, string> ClientSettings)
{
    /// <summary>
    /// Idempotent, acks=all producer: retries never duplicate or reorder a partition's records. No message
    /// timeout: when brokers are down the producer keeps retrying until they are back (the runner waits,
    /// cancellable) instead of failing records after the default 5 minutes. lz4 batches: cheap to compress,
    /// and they keep far more records within the embedded cluster's ~5 MB per partition.
    /// </summary>
    public ProducerConfig ProducerConfig()
    {
        var config = new ProducerConfig(new Dictionary<string, string>(ClientSettings))
        {
            BootstrapServers = BootstrapServers,
            EnableIdempotence = true,
            Acks = Acks.All,
            MessageTimeoutMs = 0,
            ReconnectBackoffMaxMs = 1000,
            CompressionType = CompressionType.Lz4,
            LingerMs = 20,
            BatchNumMessages = 10_000,
            BatchSize = 4 << 20,
            // About a second of records at full speed: enough to fill batches; each queued record also holds
            // managed memory (message, headers, delivery handle), so a deeper queue only costs working set.
            QueueBufferingMaxMessages = 200_000,
            QueueBufferingMaxKbytes = 256 << 10,
            // Same key → same partition as Java clients (murmur2), so every client agrees where a person lives.
            Partitioner = Partitioner.Murmur2Random,
            DeliveryReportFields = "status",
        };
        return config;
    }

    public ConsumerConfig ConsumerConfig(string groupId) => new(new Dictionary<string, string>(ClientSettings))
    {
        BootstrapServers = BootstrapServers,
        GroupId = groupId,
        AutoOffsetReset = AutoOffsetReset.Earliest,
        EnableAutoCommit = false,
        EnablePartitionEof = true,
    };

    public AdminClientConfig AdminConfig() => new(new Dictionary<string, string>(ClientSettings)) { BootstrapServers = BootstrapServers };
}
