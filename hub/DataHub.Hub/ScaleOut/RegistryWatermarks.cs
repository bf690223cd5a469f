using Confluent.Kafka;
using DataHub.Hub.Kafka;
using DataHub.Hub.Reconciliation;

namespace DataHub.Hub.ScaleOut;

/// <summary>The current end (high watermark) of every partition of every registry topic.</summary>
public static class RegistryWatermarks
{
    public static Dictionary<TopicPartition, long> Ends(KafkaConnection kafka)
    {
        using var admin = new AdminClientBuilder(kafka.AdminConfig()).SetLogHandler((_, _) => { }).Build();
        using var consumer = new ConsumerBuilder<byte[], byte[]>(kafka.ConsumerConfig($"datahub-watermarks-{Guid.NewGuid():N}"))
            .SetLogHandler((_, _) => { }).Build();
        var ends = new Dictionary<TopicPartition, long>();
        foreach (var topic in admin.GetMetadata(TimeSpan.FromSeconds(10)).Topics.Where(t => !t.Error.IsError && RegistryTopics.All.Contains(t.Topic)))
            foreach (var partition in topic.Partitions)
            {
                var tp = new TopicPartition(topic.Topic, partition.PartitionId);
                ends[tp] = consumer.QueryWatermarkOffsets(tp, TimeSpan.FromSeconds(10)).High.Value;
            }
        return ends;
    }
}
