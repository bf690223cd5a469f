using System.Text;
using DataHub.Schemas.Topics;

namespace DataHub.Hub.Kafka;

/// <summary>
/// The production cluster's topics as kafka-topics.sh commands, generated from <see cref="TopicCatalog"/>
/// (partitions, replication, compaction, retention), so a real cluster gets the topics the embedded one creates.
/// ops/deploy/kafka-topics.sh is this output (a test keeps them equal).
/// </summary>
public static class TopicScript
{
    public static string KafkaTopicsCommands(IEnumerable<TopicDefinition> topics, int replicationFactor = 3, int minInsyncReplicas = 2)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(replicationFactor, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(minInsyncReplicas, replicationFactor);
        var text = new StringBuilder("""
            #!/usr/bin/env sh
            # Creates the hub's topics on a Kafka cluster. Generated from TopicCatalog (DataHub.Hub.Kafka.TopicScript): do not edit.
            # Usage: BOOTSTRAP=kafka-1:9092 ./kafka-topics.sh   (add --command-config FILE via KAFKA_TOPICS_OPTS for a secured cluster)
            set -eu
            BOOTSTRAP="${BOOTSTRAP:-kafka-1:9092}"

            """).Append('\n');
        foreach (var topic in topics)
        {
            text.Append("# ").Append(topic.Description).Append('\n');
            text.Append("kafka-topics.sh --bootstrap-server \"$BOOTSTRAP\" ${KAFKA_TOPICS_OPTS:-} --create --if-not-exists")
                .Append(" --topic ").Append(topic.Name)
                .Append(" --partitions ").Append(topic.Partitions)
                .Append(" --replication-factor ").Append(replicationFactor)
                .Append(" --config min.insync.replicas=").Append(minInsyncReplicas)
                .Append(" --config cleanup.policy=").Append(topic.Compacted ? "compact" : "delete")
                // No retention in the catalog means kept for good: -1, not the broker's default of 7 days.
                .Append(" --config retention.ms=").Append(topic.Retention is { } keep ? (long)keep.TotalMilliseconds : -1)
                .Append('\n');
        }
        return text.ToString();
    }
}
