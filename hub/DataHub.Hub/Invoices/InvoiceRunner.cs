using System.Diagnostics;
using System.Text;
using Confluent.Kafka;
using Confluent.SchemaRegistry;
using DataHub.Connectors.Invoices;
using DataHub.Connectors.Mapping;
using DataHub.Hub.Kafka;
using DataHub.Hub.Pipeline;
using DataHub.Hub.Store;
using DataHub.Schemas.Avro;
using DataHub.Schemas.Privacy;
using DataHub.Schemas.Topics;
using Microsoft.Extensions.Logging;

namespace DataHub.Hub.Invoices;

/// <summary>
/// Publishes e-invoice files: each invoice is validated on its own and against the ledger of accepted
/// invoices (duplicates, red-letter rules), then published as an issued or voided event keyed by invoice
/// code + number; a rejected one goes to the dead-letter topic with its reason. Checkpoints and the ledger
/// advance only over invoices Kafka acknowledged, and a file already done on this cluster is skipped.
/// </summary>
public sealed class InvoiceRunner(KafkaConnection kafka, ISchemaRegistryClient registry, IFeedStateStore state,
    SqliteInvoiceLedgerStore ledgerStore, ILogger<InvoiceRunner> logger, InvoiceValidator? validator = null)
{
    public const string FeedName = "finance.invoices";
    private static readonly TimeSpan CheckpointEvery = TimeSpan.FromMilliseconds(500);
    private readonly InvoiceValidator _validator = validator ?? new InvoiceValidator();

    public async Task<FeedRunResult> RunAsync(IReadOnlyList<string> files, string trigger, IProgress<FeedProgress>? progress = null, CancellationToken ct = default)
    {
        var runId = await state.StartRunAsync(FeedName, trigger, ct);
        var results = new List<SourceResult>();
        try
        {
            using var producer = new ProducerBuilder<string, byte[]>(kafka.ProducerConfig()).SetLogHandler((_, _) => { }).Build();
            var encoder = new InvoiceRecordEncoder(registry);
            var deadLetters = new Pipeline.AvroRecordEncoder(registry, SchemaCatalog.Get("common/dead-letter"), TopicCatalog.DeadLetters);
            var ledger = new InvoiceLedger(ledgerStore.LoadAll());
            foreach (var file in files)
                results.Add(await RunFileAsync(file, producer, encoder, deadLetters, ledger, runId, progress, ct));
            var result = new FeedRunResult(FeedName, runId, results);
            await state.FinishRunAsync(new FeedRun(runId, FeedName, trigger, default, DateTimeOffset.UtcNow, "succeeded",
                result.Read, result.Published, result.DeadLettered, result.SkippedSources, null), CancellationToken.None);
            return result;
        }
        catch (Exception e)
        {
            var partial = new FeedRunResult(FeedName, runId, results);
            await state.FinishRunAsync(new FeedRun(runId, FeedName, trigger, default, DateTimeOffset.UtcNow, "failed",
                partial.Read, partial.Published, partial.DeadLettered, partial.SkippedSources, e.Message), CancellationToken.None);
            throw;
        }
    }

    private async Task<SourceResult> RunFileAsync(string file, IProducer<string, byte[]> producer, InvoiceRecordEncoder encoder,
        Pipeline.AvroRecordEncoder deadLetterEncoder, InvoiceLedger ledger, long runId, IProgress<FeedProgress>? progress, CancellationToken ct)
    {
        var hash = await SourceHash.OfFileAsync(file, ct);
        var name = Path.GetFileName(file);
        var checkpoint = await state.GetCheckpointAsync(FeedName, hash, kafka.ClusterIdentity, ct);
        if (checkpoint is { Completed: true }) return new SourceResult(name, TopicCatalog.InvoicesIssued, 0, 0, 0, true, checkpoint.LastLine);
        var after = checkpoint?.LastLine ?? 0;
        var tracker = new AckTracker(after);
        var pendingLedger = new List<(long Index, LedgerEntry Entry)>();
        var pendingDead = new List<DeadLetterEntry>();
        var length = new FileInfo(file).Length;
        long read = 0, published = 0, rejected = 0;
        var clock = Stopwatch.StartNew();

        foreach (var item in InvoiceFileReader.Read(file))
        {
            ct.ThrowIfCancellationRequested();
            if (item.Index <= after) continue;
            read++;
            var invoice = item.Invoice;
            var error = item.Problem is not null ? new InvoiceError("", item.Problem) : _validator.Validate(invoice!) ?? ledger.Check(invoice!);
            var headers = new Headers { { "datahub.feed", Encoding.UTF8.GetBytes(FeedName) }, { "datahub.source", Encoding.UTF8.GetBytes(name) },
                { "datahub.source-hash", Encoding.UTF8.GetBytes(hash) }, { "datahub.line", Encoding.ASCII.GetBytes(item.Index.ToString()) } };
            if (error is null)
            {
                var topic = invoice!.Kind == InvoiceKind.Issued ? TopicCatalog.InvoicesIssued : TopicCatalog.InvoicesVoided;
                // Voids are keyed by the invoice they void, so an original and its void share a key.
                var key = invoice.Kind == InvoiceKind.Void ? invoice.Original!.Key : invoice.Key;
                Produce(producer, tracker, topic, new Message<string, byte[]> { Key = key, Value = encoder.Encode(invoice, topic), Headers = headers }, item.Index);
                foreach (var changed in ledger.Accept(invoice)) pendingLedger.Add((item.Index, changed));
                published++;
            }
            else
            {
                var masked = error.Field == "payer.residentId" ? PersonalDataMask.ResidentId(invoice?.Payer.ResidentId) : null;
                var entry = DeadLetterFactory.Entry(FeedName, hash, name, item.Index,
                    new FieldError(error.Field.Length == 0 ? null : error.Field, masked, error.Reason), TopicCatalog.InvoicesIssued, runId);
                Produce(producer, tracker, TopicCatalog.DeadLetters, new Message<string, byte[]>
                    { Key = FeedName, Value = deadLetterEncoder.Encode(DeadLetterFactory.Values(entry), TopicCatalog.DeadLetters), Headers = headers }, item.Index);
                pendingDead.Add(entry);
                rejected++;
            }
            if (clock.Elapsed >= CheckpointEvery)
            {
                await CheckpointAsync(hash, name, tracker, pendingLedger, pendingDead, false, ct);
                progress?.Report(new FeedProgress(FeedName, name, read, published, rejected, 0, length));
                clock.Restart();
            }
        }
        tracker.SealAll();
        while (!tracker.AllAcknowledged)
        {
            await Task.Run(() => producer.Flush(TimeSpan.FromSeconds(1)), ct);
            if (tracker.FirstError is { } e) throw new KafkaDeliveryException(e);
        }
        await CheckpointAsync(hash, name, tracker, pendingLedger, pendingDead, true, ct);
        progress?.Report(new FeedProgress(FeedName, name, read, published, rejected, length, length));
        logger.LogInformation("{Feed}: {Source}: read {Read}, published {Published}, dead-lettered {Rejected}", FeedName, name, read, published, rejected);
        return new SourceResult(name, $"{TopicCatalog.InvoicesIssued} + {TopicCatalog.InvoicesVoided}", read, published, rejected, false, after);
    }

    private static void Produce(IProducer<string, byte[]> producer, AckTracker tracker, string topic, Message<string, byte[]> message, long index)
    {
        var chunk = tracker.Sending(index);
        while (true)
        {
            try
            {
                producer.Produce(topic, message, r => tracker.Ack(chunk, r.Error.IsError ? $"{r.Error.Code}: {r.Error.Reason}" : null));
                return;
            }
            catch (ProduceException<string, byte[]> e) when (e.Error.Code == ErrorCode.Local_QueueFull)
            {
                producer.Poll(TimeSpan.FromMilliseconds(50));
            }
        }
    }

    private async Task CheckpointAsync(string hash, string name, AckTracker tracker, List<(long Index, LedgerEntry Entry)> ledger,
        List<DeadLetterEntry> dead, bool completed, CancellationToken ct)
    {
        if (tracker.FirstError is { } error) throw new KafkaDeliveryException(error);
        var safe = tracker.SafeLine;
        ledgerStore.Save(ledger.Where(l => l.Index <= safe).Select(l => l.Entry).ToList());
        ledger.RemoveAll(l => l.Index <= safe);
        await state.AddDeadLettersAsync(dead.Where(d => d.Line <= safe).ToList(), ct);
        dead.RemoveAll(d => d.Line <= safe);
        await state.SaveCheckpointAsync(new SourceCheckpoint(FeedName, hash, name, kafka.ClusterIdentity, safe, completed, DateTimeOffset.UtcNow), ct);
    }
}
