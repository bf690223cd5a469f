using Confluent.Kafka;

namespace DataHub.Hub.Kafka;

/// <summary>
/// Where the hub's Kafka is and how to talk to it: the bootstrap servers, an identity of the cluster
/// (checkpoints are per cluster: a new embedded cluster starts empty) and any extra librdkafka
/// settings from configuration (SASL, TLS, …) passed through unchanged.
/// </summary>
public sealed record KafkaConnection(string BootstrapServers, string ClusterIdentity, IReadOnlyDictionary<string, string> ClientSettings)
{
    /// <summary>Idempotent, acks=all producer: retries never duplicate or reorder a partition's records.</summary>
    public ProducerConfig ProducerConfig()
    {
        var config = new ProducerConfig(new Dictionary<string, string>(ClientSettings))
        {
            BootstrapServers = BootstrapServers,
            EnableIdempotence = true,
            Acks = Acks.All,
            LingerMs = 20,
            BatchNumMessages = 10_000,
            QueueBufferingMaxMessages = 500_000,
            QueueBufferingMaxKbytes = 1 << 20,
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
