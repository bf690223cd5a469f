using Confluent.Kafka;
using Confluent.SchemaRegistry;
using DataHub.Connectors.Invoices;
using DataHub.Hub.Kafka;
using DataHub.Hub.Pipeline;
using DataHub.Hub.Store;
using DataHub.Schemas.Avro;
using DataHub.Schemas.Topics;
using Microsoft.Extensions.Logging;

namespace DataHub.Hub.Invoices;

/// <summary>
/// Publishes e-invoice files: each invoice is validated on its own and against the ledger of accepted
/// invoices (duplicates, red-letter rules), then published as an issued or voided event keyed by invoice
/// code + number; a rejected one goes to the dead-letter topic with its reason. Reading and checking, and
/// preparing and producing, run on threads of their own (<see cref="InvoicePreparer"/>, <see cref="InvoicePublisher"/>),
/// and the ledger rows, dead letters and checkpoint are persisted in the background (<see cref="InvoiceCheckpointer"/>),
/// only over invoices Kafka acknowledged. A file already done on this cluster is skipped; a resumed one skips
/// the invoices the ledger shows an interrupted run published.
/// </summary>
public sealed class InvoiceRunner(KafkaConnection kafka, ISchemaRegistryClient registry, IFeedStateStore state,
    IInvoiceLedgerStore ledgerStore, ILogger<InvoiceRunner> logger, InvoiceValidator? validator = null)
{
    public const string FeedName = "finance.invoices";
    private readonly InvoiceValidator _validator = validator ?? new InvoiceValidator();

    private sealed record RunParts(IProducer<byte[], byte[]> Producer, InvoiceEventEncoder Events, IRecordEncoder DeadLetters, InvoiceLedger Ledger);

    public async Task<FeedRunResult> RunAsync(IReadOnlyList<string> files, string trigger, IProgress<FeedProgress>? progress = null, CancellationToken ct = default)
    {
        var runId = await state.StartRunAsync(FeedName, trigger, ct);
        var results = new List<SourceResult>();
        try
        {
            // The feed pipeline's producer settings (idempotent, acks=all, lz4, batching).
            using var producer = new ProducerBuilder<byte[], byte[]>(kafka.ProducerConfig())
                .SetLogHandler((_, m) => logger.LogDebug("librdkafka {Facility}: {Message}", m.Facility, m.Message)).Build();
            var parts = new RunParts(producer, await InvoiceEventEncoder.CreateAsync(registry),
                await RecordEncoders.CreateAsync(registry, SchemaCatalog.Get(TopicCatalog.Get(TopicCatalog.DeadLetters).ValueSchema), TopicCatalog.DeadLetters),
                new InvoiceLedger(ledgerStore));
            foreach (var file in files)
                results.Add(await RunFileAsync(file, parts, runId, progress, ct));
            var result = new FeedRunResult(FeedName, runId, results);
            await state.FinishRunAsync(new FeedRun(runId, FeedName, trigger, default, DateTimeOffset.UtcNow, "succeeded",
                result.Read, result.Published, result.DeadLettered, result.SkippedSources, null), CancellationToken.None);
            return result;
        }
        catch (Exception e)
        {
            var partial = new FeedRunResult(FeedName, runId, results);
            await state.FinishRunAsync(new FeedRun(runId, FeedName, trigger, default, DateTimeOffset.UtcNow,
                e is OperationCanceledException ? "cancelled" : "failed", partial.Read, partial.Published, partial.DeadLettered,
                partial.SkippedSources, e.Message), CancellationToken.None);
            throw;
        }
    }

    private async Task<SourceResult> RunFileAsync(string file, RunParts parts, long runId, IProgress<FeedProgress>? progress, CancellationToken ct)
    {
        var name = Path.GetFileName(file);
        var topics = $"{TopicCatalog.InvoicesIssued} + {TopicCatalog.InvoicesVoided}";
        if (new FileInfo(file).Length == 0)
        {
            // Every empty file has the same content hash: without this the second one would be "already published".
            logger.LogWarning("{Feed}: {Source} is empty (0 bytes): nothing to read", FeedName, name);
            return new SourceResult(name, topics, 0, 0, 0, false, 0);
        }
        var hash = await InvoiceSourceHash.OfFileAsync(file, ct);
        var checkpoint = await state.GetCheckpointAsync(FeedName, hash, kafka.ClusterIdentity, ct);
        if (checkpoint is { Completed: true })
        {
            logger.LogInformation("{Feed}: {Source} was already published to this cluster ({Invoices} invoices); skipping", FeedName, name, checkpoint.LastLine);
            return new SourceResult(name, topics, 0, 0, 0, true, checkpoint.LastLine);
        }
        var source = new InvoiceSource(file, name, hash, checkpoint?.LastLine ?? 0, runId);
        var tracker = new AckTracker(source.AfterPosition);
        var checkpointer = new InvoiceCheckpointer(state, ledgerStore, kafka, source, ledgerStore.SourceId(hash, name), tracker);
        var position = new ReadPosition();
        var publisher = new InvoicePublisher(new InvoiceSender(parts.Producer, tracker), checkpointer, name, position, new FileInfo(file).Length, progress, logger, ct);
        await new InvoicePreparer(source, _validator, parts.Ledger, parts.Events, parts.DeadLetters, () => checkpointer.PersistedThrough, position)
            .RunAsync(publisher.Publish, ct);

        tracker.SealAll();
        while (!tracker.AllAcknowledged)
        {
            await Task.Run(() => parts.Producer.Flush(TimeSpan.FromSeconds(1)), ct);
            if (tracker.FirstError is { } e) throw new KafkaDeliveryException(e);
        }
        await checkpointer.CompleteAsync(ct);
        parts.Ledger.ReleaseAll();
        progress?.Report(publisher.Progress(done: true));
        logger.LogInformation("{Feed}: {Source}: read {Read}, published {Published}, dead-lettered {Rejected} ({Recovered} found already published)",
            FeedName, name, publisher.Read, publisher.Published, publisher.Rejected, publisher.Recovered);
        return new SourceResult(name, topics, publisher.Read, publisher.Published, publisher.Rejected, false, source.AfterPosition, publisher.Recovered);
    }
}
