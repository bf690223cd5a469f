using Avro;
using Avro.Generic;
using Confluent.Kafka;
using Confluent.SchemaRegistry;
using DataHub.Hub.Kafka;
using DataHub.Hub.Pipeline;
using DataHub.Hub.Telemetry;
using DataHub.Schemas.Avro;
using DataHub.Schemas.Identity;
using DataHub.Schemas.Topics;

namespace DataHub.Hub.Reconciliation;

/// <summary>
/// Publishes the case outbox to the gap-event topic (reconciliation/gap-event, keyed by case ID) with the
/// idempotent producer; an event is marked published only once Kafka acknowledged it, so a crash in
/// between re-sends rather than loses it. With scale-out each instance publishes the events of its own
/// partitions' cases, and claims the rows before sending (<see cref="IGapCaseStore.ClaimPendingEvents"/>), so two
/// publishers never send the same outbox row.
/// </summary>
public sealed class GapEventPublisher(KafkaConnection kafka, ISchemaRegistryClient registry, IGapCaseStore cases, HubMetrics? metrics = null)
{
    /// <summary>A publisher that died holding outbox rows loses them to the next after this long.</summary>
    public static readonly TimeSpan ClaimTimeout = TimeSpan.FromMinutes(10);

    public async Task<int> PublishPendingAsync(CancellationToken ct = default, Func<string, bool>? ownsPerson = null)
    {
        var claimant = $"{ScaleOut.HubInstance.Name}/{Guid.NewGuid():N}";
        var pending = cases.ClaimPendingEvents(claimant, ownsPerson, ClaimTimeout, DateTimeOffset.UtcNow);
        if (pending.Count == 0) return 0;
        try
        {
            return await SendAsync(pending, ct);
        }
        finally
        {
            cases.ReleaseClaims(claimant);
        }
    }

    private async Task<int> SendAsync(IReadOnlyList<(long Seq, GapCaseEvent Event)> pending, CancellationToken ct)
    {
        var schema = SchemaCatalog.Get(TopicCatalog.Get(TopicCatalog.GapEvents).ValueSchema);
        var encoder = new AvroRecordEncoder(registry, schema, TopicCatalog.GapEvents);
        var evidenceSchema = (RecordSchema)((ArraySchema)schema.Fields.Single(f => f.Name == "evidence").Schema).ItemSchema;
        using var producer = new ProducerBuilder<string, byte[]>(kafka.ProducerConfig()).SetLogHandler((_, _) => { }).Build();
        var acknowledged = new List<long>();
        foreach (var (seq, e) in pending)
        {
            ct.ThrowIfCancellationRequested();
            var value = encoder.Encode(Values(e, evidenceSchema), TopicCatalog.GapEvents);
            var report = await producer.ProduceAsync(TopicCatalog.GapEvents, new Message<string, byte[]> { Key = e.CaseId, Value = value }, ct);
            if (report.Status != PersistenceStatus.Persisted) throw new KafkaDeliveryException($"gap event {seq} not persisted ({report.Status})");
            acknowledged.Add(seq);
            if (e.Kind == "opened") metrics?.GapOpened(e.Rule);
            else if (e.Kind == "closed") metrics?.GapClosed(e.Rule);
            if (acknowledged.Count >= 1_000) { cases.MarkPublished(acknowledged, DateTimeOffset.UtcNow); acknowledged.Clear(); }
        }
        cases.MarkPublished(acknowledged, DateTimeOffset.UtcNow);
        return pending.Count;
    }

    private static object?[] Values(GapCaseEvent e, RecordSchema evidenceSchema)
    {
        var evidence = e.Evidence.Select(x =>
        {
            var r = new GenericRecord(evidenceSchema);
            r.Add("feed", x.Feed);
            r.Add("source", x.Source);
            r.Add("line", x.Line);
            r.Add("date", x.Date is { } d ? d.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc) : null);
            r.Add("note", x.Note);
            return r;
        }).ToArray();
        var residentId = e.Person.Length == 18 && ResidentId.Check(e.Person).IsValid ? e.Person : null;
        return [e.CaseId, e.Rule, residentId, null, e.Region, e.Status, e.Kind, e.Summary, evidence, e.RunId, e.ChangedBy, e.OccurredAt.UtcDateTime];
    }
}
