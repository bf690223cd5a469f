using Avro.Generic;
using Confluent.Kafka;
using Confluent.Kafka.SyncOverAsync;
using Confluent.SchemaRegistry;
using Confluent.SchemaRegistry.Serdes;
using DataHub.Hub.Kafka;
using DataHub.Hub.ScaleOut;
using DataHub.Hub.Telemetry;
using DataHub.Schemas.Avro;
using Microsoft.Extensions.Logging;

namespace DataHub.Hub.Reconciliation;

/// <summary>Records dropped from a partition before the materialiser read them.</summary>
public sealed record LostRange(string Topic, int Partition, long FromOffset, long ToOffset)
{
    public override string ToString() => $"{Topic}[{Partition}] offsets {FromOffset}–{ToOffset - 1} ({ToOffset - FromOffset} records)";
}

/// <summary>What one materialisation pass read, and any records lost before it could.</summary>
public sealed record MaterialiseResult(IReadOnlyDictionary<string, long> RecordsRead, IReadOnlyList<LostRange> Lost)
{
    public bool DataLost => Lost.Count > 0;
}

/// <summary>
/// Keeps the store's registries up to date with the registry topics: reads each partition from the offset
/// the store last committed to its end, and writes records and the new offsets in one transaction. The
/// embedded cluster keeps only ~5 MB per partition, so when a partition's low watermark is above the
/// committed offset, records were dropped unread: that is logged as an error and reported, never hidden.
/// With scale-out each instance reads only the partitions it is given; should two read the same one, the
/// store takes a batch only if the partition's offset is still where the batch began (the other re-reads).
/// </summary>
public sealed class RegistryMaterialiser(KafkaConnection kafka, ISchemaRegistryClient registry, IRegistryStore store, ILogger<RegistryMaterialiser> logger,
    HubMetrics? metrics = null)
{
    private const int BatchSize = 5_000;
    private const int MaxConflicts = 20;
    /// <summary>The consumer lag metric's group label: the materialiser keeps its offsets in the store, not in a Kafka group.</summary>
    public const string LagGroup = "datahub-registry-store";

    /// <summary>Reads <paramref name="topics"/> (default every registry topic) to their ends; only the partitions <paramref name="partitions"/> accepts, when given.</summary>
    public MaterialiseResult Run(CancellationToken ct = default, IEnumerable<string>? topics = null, Func<string, int, bool>? partitions = null)
    {
        if (store.AdoptCluster(kafka.ClusterIdentity) is { } previous)
            logger.LogWarning("Registry offsets in the store were read from another cluster ({Previous}); this is {Cluster}: reading every registry topic from its start (stored records stay and are replaced as they are read again)",
                previous, kafka.ClusterIdentity);
        var read = new Dictionary<string, long>();
        var lost = new List<LostRange>();
        foreach (var topic in topics ?? RegistryTopics.All) read[topic] = RunTopic(topic, partitions ?? ((_, _) => true), lost, ct);
        return new MaterialiseResult(read, lost);
    }

    private long RunTopic(string topic, Func<string, int, bool> partitions, List<LostRange> lost, CancellationToken ct)
    {
        long total = 0;
        for (var attempt = 1; ; attempt++)
        {
            var (count, conflict) = ReadTopic(topic, partitions, lost, ct);
            total += count;
            if (!conflict) return total;
            if (attempt == MaxConflicts) throw new InvalidOperationException($"materialising {topic}: another instance kept storing the same partitions ({attempt} tries)");
            logger.LogDebug("{Topic}: another instance stored part of the range first; continuing from the store's offsets", topic);
        }
    }

    private (long Count, bool Conflict) ReadTopic(string topic, Func<string, int, bool> partitions, List<LostRange> lost, CancellationToken ct)
    {
        using var consumer = new ConsumerBuilder<string?, GenericRecord>(kafka.ConsumerConfig($"datahub-materialiser-{Guid.NewGuid():N}"))
            .SetValueDeserializer(new AvroDeserializer<GenericRecord>(registry).AsSyncOverAsync())
            .SetLogHandler((_, m) => logger.LogDebug("librdkafka {Facility}: {Message}", m.Facility, m.Message))
            .Build();
        using var admin = new AdminClientBuilder(kafka.AdminConfig()).SetLogHandler((_, _) => { }).Build();
        var metadata = admin.GetMetadata(topic, TimeSpan.FromSeconds(10)).Topics.SingleOrDefault();
        if (metadata is null || metadata.Error.IsError) { logger.LogWarning("{Topic}: not on the cluster ({Error})", topic, metadata?.Error.Reason); return (0, false); }
        var committed = store.NextOffsets(topic);
        var ends = new Dictionary<int, long>();
        var starts = new List<TopicPartitionOffset>();
        foreach (var partition in metadata.Partitions.Select(p => p.PartitionId).Where(p => partitions(topic, p)))
        {
            var marks = consumer.QueryWatermarkOffsets(new TopicPartition(topic, partition), TimeSpan.FromSeconds(10));
            var next = committed.GetValueOrDefault(partition);
            if (marks.Low.Value > next)
            {
                var gap = new LostRange(topic, partition, next, marks.Low.Value);
                lost.Add(gap);
                store.RecordLoss(gap);
                logger.LogError("DATA LOST before materialisation: {Range} were dropped by the cluster before the store read them; re-run the feeds or enlarge retention", gap);
                next = marks.Low.Value;
            }
            if (marks.High.Value > next) { ends[partition] = marks.High.Value; starts.Add(new TopicPartitionOffset(topic, partition, next)); }
        }
        metrics?.SetConsumerLag(LagGroup, topic, starts.Sum(s => ends[s.Partition.Value] - s.Offset.Value));
        if (ends.Count == 0) return (0, false);
        consumer.Assign(starts);
        var batch = new List<StoredRecord>(BatchSize);
        // Where the store's offsets are (the batch must start there) and where the batch ends.
        var batchStarts = starts.ToDictionary(s => s.Partition.Value, s => committed.GetValueOrDefault(s.Partition.Value));
        var nextOffsets = new Dictionary<int, long>();
        long total = 0, misplaced = 0;
        var personKeyed = RegistryTopics.IsPersonKeyed(topic);
        var deadline = DateTime.UtcNow.AddMinutes(5);
        while (ends.Count > 0)
        {
            ct.ThrowIfCancellationRequested();
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"materialising {topic}: partitions {string.Join(",", ends.Keys)} did not reach their end");
            var result = consumer.Consume(TimeSpan.FromMilliseconds(200));
            if (result is null) continue;
            var partition = result.Partition.Value;
            if (!result.IsPartitionEOF)
            {
                var value = result.Message.Value;
                var origin = RecordOrigin.Of(value);
                var stored = new StoredRecord(RegistryTopics.IdentityOf(topic, value), ResidentIdOf(value), RecordJson.Serialize(value),
                    origin?.Feed, origin?.Source, origin?.Line ?? 0, partition, result.Offset.Value);
                if (personKeyed && stored.ResidentId is not null && PersonPartitioner.OfResident(stored.ResidentId) != partition) misplaced++;
                batch.Add(stored);
                nextOffsets[partition] = result.Offset.Value + 1;
                total++;
            }
            var reached = result.IsPartitionEOF ? result.Offset.Value : result.Offset.Value + 1;
            if (ends.TryGetValue(partition, out var end) && reached >= end) ends.Remove(partition);
            if (batch.Count >= BatchSize || ends.Count == 0)
            {
                var from = batchStarts.Where(s => nextOffsets.ContainsKey(s.Key)).ToDictionary();
                if (!store.Save(topic, batch, from, nextOffsets)) return (total - batch.Count, true);
                foreach (var (p, next) in nextOffsets) batchStarts[p] = next;
                metrics?.SetConsumerLag(LagGroup, topic, ends.Sum(e => e.Value - batchStarts[e.Key]));
                batch.Clear();
                nextOffsets.Clear();
            }
        }
        consumer.Close();
        metrics?.SetConsumerLag(LagGroup, topic, 0);
        if (misplaced > 0)
            logger.LogWarning("{Topic}: {Count} records are not in their person's partition (keyed by something other than the resident ID); reconciliation goes by the person, not the Kafka partition", topic, misplaced);
        logger.LogInformation("{Topic}: materialised {Count} records", topic, total);
        return (total, false);
    }

    private static string? ResidentIdOf(GenericRecord record) =>
        record.TryGetValue("residentId", out var id) ? id as string
        : record.TryGetValue("studentId", out var student) ? student as string : null;
}
