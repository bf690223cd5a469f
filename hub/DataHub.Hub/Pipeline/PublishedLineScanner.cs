using Avro;
using Confluent.Kafka;
using Confluent.SchemaRegistry;
using DataHub.Hub.Kafka;
using DataHub.Hub.Store;
using DataHub.Schemas.Avro;
using Microsoft.Extensions.Logging;

namespace DataHub.Hub.Pipeline;

/// <summary>
/// Reads what a run already put on its topics, so a resumed file publishes nothing twice.
///
/// Why a scan and not Kafka transactions: the checkpoint lives in the store, not in Kafka, so even a
/// transactional producer leaves a window between "transaction committed" and "checkpoint saved" in
/// which a crash re-publishes; closing it would need the checkpoint inside Kafka. And librdkafka's
/// embedded cluster (the default here) only gained control batches, aborted ranges and the last stable
/// offset for read_committed consumers in 2026 (librdkafka PR #5349, share groups), so transactional
/// isolation cannot be relied on there. The scan works the same on both: every record carries its
/// origin (feed, source id, line) at the start of its value, and each checkpoint stores, per partition, an offset below which no
/// record of a later line can sit (see <see cref="AckTracker"/>). On resume the runner reads from those
/// offsets to the current ends and skips the lines it finds. Cost: reading only what was written after
/// the last checkpoint (at most the producer's in-flight queue).
/// </summary>
public sealed class PublishedLineScanner(KafkaConnection kafka, ISchemaRegistryClient registry, ILogger logger) : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    /// <summary>Per writer schema id: whether its values start with the origin.</summary>
    private readonly Dictionary<int, bool> _carriesOrigin = [];

    private readonly IConsumer<Ignore, byte[]> _consumer = new ConsumerBuilder<Ignore, byte[]>(ScanConfig(kafka))
        .SetLogHandler((_, m) => logger.LogDebug("librdkafka {Facility}: {Message}", m.Facility, m.Message))
        .Build();

    /// <summary>Never subscribes: partitions are assigned explicitly, so the group is never joined.</summary>
    private static ConsumerConfig ScanConfig(KafkaConnection kafka)
    {
        var config = kafka.ConsumerConfig($"datahub-resume-scan-{Guid.NewGuid():N}");
        config.FetchMaxBytes = 64 << 20;
        // A feed's new topic (not in the catalog) is created on first use where the cluster allows it, as a producer would.
        config.AllowAutoCreateTopics = true;
        return config;
    }

    /// <summary>The topics' partitions, numbered for the tracker.</summary>
    public PartitionLayout Layout(params string[] topics)
    {
        using var admin = new DependentAdminClientBuilder(_consumer.Handle).Build();
        return new PartitionLayout(topics.Select(t => (t, PartitionCount(admin, t))).ToList());
    }

    private static int PartitionCount(IAdminClient admin, string topic)
    {
        for (var attempt = 0; attempt < 10; attempt++)
        {
            var found = admin.GetMetadata(topic, TimeSpan.FromSeconds(15)).Topics.FirstOrDefault(m => m.Topic == topic);
            if (found is { Error.IsError: false, Partitions.Count: > 0 }) return found.Partitions.Count;
            Thread.Sleep(200); // an auto-created topic needs a moment to get its partitions
        }
        throw new InvalidOperationException($"topic {topic} does not exist on the cluster and was not created automatically: create it (ops/deploy/kafka-topics.sh lists the catalog's topics)");
    }

    /// <summary>The current end of every partition: where a file that has published nothing yet would start.</summary>
    public IReadOnlyList<PartitionOffset> Ends(PartitionLayout layout) =>
        layout.ToOffsets(new long[layout.Count]).Select(p =>
            p with { Offset = _consumer.QueryWatermarkOffsets(new TopicPartition(p.Topic, p.Partition), Timeout).High.Value }).ToList();

    /// <summary>The lines of the source <paramref name="sourceId"/> (feed <paramref name="feed"/>) found from <paramref name="from"/> to the ends.</summary>
    public async Task<HashSet<long>> ScanAsync(PartitionLayout layout, IReadOnlyList<PartitionOffset> from, string feed, string sourceId, CancellationToken ct)
    {
        var lines = new HashSet<long>();
        var start = layout.ToOffsets(layout.ToArray(from));
        var ends = new Dictionary<TopicPartition, long>();
        var assign = new List<TopicPartitionOffset>();
        foreach (var p in start)
        {
            var tp = new TopicPartition(p.Topic, p.Partition);
            var w = _consumer.QueryWatermarkOffsets(tp, Timeout);
            if (w.Low.Value > p.Offset)
                logger.LogWarning("{Topic}[{Partition}]: records from offset {From} to {Low} are gone from the cluster; lines published there cannot be recognised",
                    p.Topic, p.Partition, p.Offset, w.Low.Value);
            if (w.High.Value <= Math.Max(p.Offset, w.Low.Value)) continue;
            ends[tp] = w.High.Value;
            assign.Add(new TopicPartitionOffset(tp, Math.Max(p.Offset, w.Low.Value)));
        }
        if (assign.Count == 0) return lines;
        _consumer.Assign(assign);
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(5);
        try
        {
            while (ends.Count > 0)
            {
                ct.ThrowIfCancellationRequested();
                if (DateTime.UtcNow > deadline) throw new TimeoutException($"scanning for lines already published: partitions {string.Join(", ", ends.Keys)} not read to their end");
                var result = _consumer.Consume(TimeSpan.FromMilliseconds(500));
                if (result is null) continue;
                if (!result.IsPartitionEOF && await OriginOfAsync(result.Message.Value) is { } origin && origin.Feed == feed && origin.SourceId == sourceId)
                    lines.Add(origin.Line);
                if (ends.TryGetValue(result.TopicPartition, out var end) && (result.IsPartitionEOF || result.Offset.Value + 1 >= end))
                    ends.Remove(result.TopicPartition);
            }
        }
        finally
        {
            _consumer.Unassign();
        }
        logger.LogInformation("Resume scan of {Partitions} partitions: {Lines} lines of this source were already acknowledged", assign.Count, lines.Count);
        return lines;
    }

    /// <summary>The origin at the start of a value whose writer schema leads off with it; null for any other value.</summary>
    private async Task<RecordOrigin?> OriginOfAsync(byte[]? value)
    {
        var id = value is null ? -1 : RecordOrigin.SchemaIdOf(value);
        if (id < 0) return null;
        if (!_carriesOrigin.TryGetValue(id, out var carries))
        {
            var schema = await registry.GetSchemaAsync(id);
            _carriesOrigin[id] = carries = global::Avro.Schema.Parse(schema.SchemaString) is RecordSchema record && OriginField.LeadsOff(record);
        }
        return carries && RecordOrigin.TryRead(value, out var origin) ? origin : null;
    }

    public void Dispose()
    {
        _consumer.Close();
        _consumer.Dispose();
    }
}
