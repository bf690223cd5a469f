using Avro;
using Avro.Generic;
using Confluent.Kafka;
using Confluent.Kafka.SyncOverAsync;
using Confluent.SchemaRegistry;
using Confluent.SchemaRegistry.Serdes;
using DataHub.Hub.Kafka;
using DataHub.Hub.Pipeline;
using DataHub.Hub.Reconciliation;
using DataHub.Schemas.Avro;
using DataHub.Schemas.Topics;

namespace DataHub.Hub.ScaleOut;

/// <summary>A request to run a feed (topic mi.hub.feed-work.v1, Avro hub/feed-work).</summary>
public sealed record FeedWorkItem(string WorkId, string Feed, string Trigger, string RequestedBy, DateTimeOffset RequestedAt)
{
    /// <summary>The trigger the run history records: what asked for it and the request, e.g. "api W-…".</summary>
    public string RunTrigger => $"{Trigger} {WorkId}";
}

/// <summary>
/// Submits feed runs to the work topic, keyed by feed name: all requests for one feed sit in one partition, so
/// the group runs them one after the other on the instance holding it. An instance commits a request's offset
/// only after the run ended, so a request whose instance died is delivered again to the next holder, which
/// resumes the file from its checkpoint (and the resume scan) — the file is published once.
/// </summary>
public sealed class FeedWorkQueue(KafkaConnection kafka, ISchemaRegistryClient registry)
{
    private static readonly RecordSchema Schema = SchemaCatalog.Get(TopicCatalog.Get(TopicCatalog.FeedWork).ValueSchema);

    public async Task<FeedWorkItem> SubmitAsync(string feed, string trigger, CancellationToken ct = default)
    {
        var item = new FeedWorkItem($"W-{DateTimeOffset.UtcNow:yyyyMMddHHmmss}-{Guid.NewGuid().ToString("N")[..8]}", feed, trigger,
            HubInstance.Name, DateTimeOffset.UtcNow);
        var value = new AvroRecordEncoder(registry, Schema, TopicCatalog.FeedWork)
            .Encode([item.WorkId, item.Feed, item.Trigger, item.RequestedBy, item.RequestedAt.UtcDateTime], TopicCatalog.FeedWork);
        using var producer = new ProducerBuilder<string, byte[]>(kafka.ProducerConfig()).SetLogHandler((_, _) => { }).Build();
        var report = await producer.ProduceAsync(TopicCatalog.FeedWork, new Message<string, byte[]> { Key = feed, Value = value }, ct);
        if (report.Status != PersistenceStatus.Persisted) throw new KafkaDeliveryException($"feed work {item.WorkId} not persisted ({report.Status})");
        return item;
    }

    /// <summary>Decodes a request read from the work topic.</summary>
    public static FeedWorkItem Decode(IDeserializer<GenericRecord> deserializer, byte[] value)
    {
        var r = deserializer.Deserialize(value, false, new SerializationContext(MessageComponentType.Value, TopicCatalog.FeedWork));
        return new FeedWorkItem((string)r["workId"], (string)r["feed"], (string)r["trigger"], (string)r["requestedBy"],
            new DateTimeOffset(DateTime.SpecifyKind((DateTime)r["requestedAt"], DateTimeKind.Utc)));
    }

    public static IDeserializer<GenericRecord> Deserializer(ISchemaRegistryClient registry) => new AvroDeserializer<GenericRecord>(registry).AsSyncOverAsync();
}
