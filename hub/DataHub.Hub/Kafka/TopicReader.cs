using Avro.Generic;
using Confluent.Kafka;
using Confluent.Kafka.SyncOverAsync;
using Confluent.SchemaRegistry;
using Confluent.SchemaRegistry.Serdes;
using DataHub.Schemas.Avro;

namespace DataHub.Hub.Kafka;

/// <summary>A record read back from a topic and decoded with the stock Confluent Avro deserializer.</summary>
public sealed record DecodedRecord(string Topic, int Partition, long Offset, string? Key, GenericRecord Value, IReadOnlyDictionary<string, string> Headers)
{
    /// <summary>Where the record came from (feed, source, line), when its schema carries the origin.</summary>
    public RecordOrigin? Origin => RecordOrigin.Of(Value);
}

/// <summary>
/// Reads a topic from the beginning to its current end as a member of its own consumer group (subscribe,
/// rebalance, commit), decoding every
/// value from its registered schema — what a downstream subscriber does. Reports partitions whose
/// earliest offset is above 0 (the embedded cluster dropped older batches).
/// </summary>
public static class TopicReader
{
    public static List<DecodedRecord> ReadToEnd(KafkaConnection kafka, ISchemaRegistryClient registry, string topic, string groupId,
        TimeSpan timeout, Action<string>? warn = null)
    {
        var records = new List<DecodedRecord>();
        ReadToEnd(kafka, registry, topic, groupId, timeout, records.Add, warn);
        return records;
    }

    /// <summary>As <see cref="ReadToEnd(KafkaConnection, ISchemaRegistryClient, string, string, TimeSpan, Action{string}?)"/>, handing each
    /// record to <paramref name="onRecord"/> instead of keeping them all (a million decoded records weigh about a gigabyte); returns the count.</summary>
    public static long ReadToEnd(KafkaConnection kafka, ISchemaRegistryClient registry, string topic, string groupId,
        TimeSpan timeout, Action<DecodedRecord> onRecord, Action<string>? warn = null)
    {
        var config = kafka.ConsumerConfig(groupId);
        using var consumer = new ConsumerBuilder<string, GenericRecord>(config)
            .SetValueDeserializer(new AvroDeserializer<GenericRecord>(registry).AsSyncOverAsync())
            .SetLogHandler((_, _) => { })
            .Build();
        using var admin = new AdminClientBuilder(kafka.AdminConfig()).SetLogHandler((_, _) => { }).Build();
        var partitions = admin.GetMetadata(topic, TimeSpan.FromSeconds(10)).Topics.Single().Partitions.Select(p => p.PartitionId).ToList();
        var ends = new Dictionary<int, long>();
        foreach (var p in partitions)
        {
            var w = consumer.QueryWatermarkOffsets(new TopicPartition(topic, p), TimeSpan.FromSeconds(10));
            if (w.Low.Value > 0) warn?.Invoke($"{topic}[{p}]: offsets below {w.Low.Value} are gone (the embedded cluster keeps about 5 MB per partition)");
            if (w.High.Value > w.Low.Value) ends[p] = w.High.Value;
        }
        long count = 0;
        if (ends.Count == 0) return count;
        consumer.Subscribe(topic);
        var deadline = DateTime.UtcNow + timeout;
        var done = new HashSet<int>();
        while (!ends.Keys.All(done.Contains))
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"reading {topic}: {count} records read, partitions {string.Join(",", ends.Keys.Except(done))} not finished in {timeout}");
            var result = consumer.Consume(TimeSpan.FromMilliseconds(200));
            if (result is null) continue;
            if (result.IsPartitionEOF)
            {
                if (!ends.TryGetValue(result.Partition.Value, out var end) || result.Offset.Value >= end) done.Add(result.Partition.Value);
                continue;
            }
            var headers = result.Message.Headers?.ToDictionary(h => h.Key, h => System.Text.Encoding.UTF8.GetString(h.GetValueBytes())) ?? [];
            count++;
            onRecord(new DecodedRecord(topic, result.Partition.Value, result.Offset.Value, result.Message.Key, result.Message.Value, headers));
            if (result.Offset.Value + 1 >= ends[result.Partition.Value]) done.Add(result.Partition.Value);
        }
        consumer.Commit();
        consumer.Close();
        return count;
    }
}
