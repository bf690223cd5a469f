using Confluent.Kafka;
using Confluent.SchemaRegistry;
using DataHub.Connectors.Definitions;
using DataHub.Connectors.Mapping;
using DataHub.Hub.Kafka;
using DataHub.Hub.Store;
using DataHub.Schemas.Avro;
using Microsoft.Extensions.Logging;

namespace DataHub.Hub.Pipeline;

/// <summary>What a replay did: lines published now, lines still rejected (with the new reason), lines the fixed file lacks.</summary>
public sealed record ReplayResult(string Feed, string Source, int Pending, int Replayed, IReadOnlyList<(long Line, FieldError Error)> StillRejected, IReadOnlyList<long> Missing);

/// <summary>
/// Re-runs dead-lettered records once their source is fixed: for each dead letter of the feed and source
/// not replayed yet, the same line of the fixed file is mapped again; the lines that now pass are published
/// to the target topic — with the original source's origin (feed, source, source id, line) and a datahub.replayed header —
/// and marked replayed in the store once Kafka acknowledged them; the others stay dead letters. The fixed
/// file must keep the original line numbering (fix values in place, do not add or remove lines).
/// A crash between the acknowledgement and the store update would publish those lines again on the next
/// replay; the window is one store write.
/// </summary>
public sealed class DeadLetterReplayer(KafkaConnection kafka, ISchemaRegistryClient registry, IFeedStateStore state, ILogger<DeadLetterReplayer> logger)
{
    /// <param name="originalSource">The file name the dead letters were recorded under (default: the fixed file's name).</param>
    public async Task<ReplayResult> ReplayAsync(FeedDefinition feed, string fixedFile, string? originalSource = null, CancellationToken ct = default)
    {
        var sourceName = originalSource ?? Path.GetFileName(fixedFile);
        var pending = (await state.PendingDeadLettersAsync(feed.Name, sourceName, ct)).GroupBy(d => d.Line).ToDictionary(g => g.Key, g => g.ToList());
        if (pending.Count == 0) return new ReplayResult(feed.Name, sourceName, 0, 0, [], []);

        var encoder = await CompiledAvroEncoder.CreateAsync(registry, SchemaCatalog.Get(feed.Target.Schema), feed.Target.Topic);
        using var source = SourceReaderFactory.Open(feed, fixedFile);
        var mapper = RecordMapper.Compile(feed, encoder.Schema, source.Columns, Path.GetFileName(fixedFile));
        using var producer = new ProducerBuilder<string, byte[]>(kafka.ProducerConfig())
            .SetLogHandler((_, m) => logger.LogDebug("librdkafka {Facility}: {Message}", m.Facility, m.Message)).Build();
        var replayedAt = DateTimeOffset.UtcNow;
        var origins = new Dictionary<string, SourceOrigin>();
        SourceOrigin OriginFor(string hash) => origins.TryGetValue(hash, out var o) ? o : origins[hash] = new SourceOrigin(feed.Name, sourceName, hash);
        var sends = new List<(List<DeadLetterEntry> Entries, Task<DeliveryResult<string, byte[]>> Delivery)>();
        var stillRejected = new List<(long, FieldError)>();
        var remaining = new HashSet<long>(pending.Keys);
        foreach (var row in source.ReadRows(0))
        {
            if (!remaining.Remove(row.Line)) continue;
            var mapped = mapper.Map(row);
            if (!mapped.IsValid) { stillRejected.Add((row.Line, mapped.Error!)); continue; }
            var entries = pending[row.Line];
            // The origin of the line as first read (its source id), so lineage leads back to the original file;
            // one header marks the replay (a rare path, where a header's cost does not matter).
            var origin = OriginFor(entries[0].SourceHash);
            var replayed = new Headers { { RecordHeaders.Replayed, System.Text.Encoding.UTF8.GetBytes(replayedAt.ToString("O")) } };
            var message = new Message<string, byte[]> { Key = mapped.Key!, Value = encoder.Encode(mapped.Values!, origin, row.Line), Headers = replayed };
            sends.Add((entries, producer.ProduceAsync(feed.Target.Topic, message, ct)));
            if (remaining.Count == 0) break;
        }
        var acknowledged = new List<long>();
        foreach (var (entries, delivery) in sends)
        {
            try
            {
                await delivery;
                acknowledged.AddRange(entries.Select(e => e.Id));
            }
            catch (ProduceException<string, byte[]> e)
            {
                logger.LogWarning("{Feed}: replay of {Source} line {Line} was not acknowledged ({Error}); it stays a dead letter", feed.Name, sourceName, entries[0].Line, e.Error.Reason);
            }
        }
        await state.MarkReplayedAsync(acknowledged, replayedAt, CancellationToken.None);
        logger.LogInformation("{Feed}: replayed {Replayed} of {Pending} dead letters of {Source}", feed.Name, sends.Count, pending.Count, sourceName);
        return new ReplayResult(feed.Name, sourceName, pending.Count, acknowledged.Count, stillRejected, remaining.Order().ToList());
    }
}
