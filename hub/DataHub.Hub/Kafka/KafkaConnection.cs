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
    /// The producer every runner uses. Tuning first — lz4 batches (cheap to compress, and they keep far more records
    /// within the embedded cluster's ~5 MB per partition), linger and batch sizes, a queue of about a second of
    /// records — which <c>Kafka:Client:*</c> settings may override. Then the guarantees, which they may not: an
    /// idempotent acks=all producer, so retries never duplicate or reorder a partition's records; the gap-less
    /// guarantee, so a failure that would leave a gap in a partition is a fatal error instead (the feed runner relies
    /// on it: it tracks one acknowledgement per partition per batch); no message timeout, so while brokers are down
    /// the producer keeps retrying until they are back (the runner waits, cancellable) instead of failing records
    /// after 5 minutes — timeouts being the one failure the gap-less guarantee does not cover.
    /// </summary>
    public ProducerConfig ProducerConfig()
    {
        var config = new ProducerConfig
        {
            ReconnectBackoffMaxMs = 1000,
            CompressionType = CompressionType.Lz4,
            LingerMs = 20,
            BatchNumMessages = 10_000,
            BatchSize = 4 << 20,
            // About a second of records at full speed: enough to fill batches; each queued record also holds
            // managed memory (message, delivery handle), so a deeper queue only costs working set.
            QueueBufferingMaxMessages = 200_000,
            QueueBufferingMaxKbytes = 256 << 10,
            // Same key → same partition as Java clients (murmur2), so every client agrees where a person lives.
            Partitioner = Partitioner.Murmur2Random,
        };
        foreach (var (name, value) in ClientSettings) config.Set(name, value);
        config.BootstrapServers = BootstrapServers;
        config.EnableIdempotence = true;
        config.EnableGaplessGuarantee = true;
        config.Acks = Acks.All;
        config.MessageTimeoutMs = 0;
        config.DeliveryReportFields = "status";
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
