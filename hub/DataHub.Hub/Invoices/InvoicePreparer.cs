using System.Threading.Channels;
using DataHub.Connectors.Invoices;
using DataHub.Connectors.Mapping;
using DataHub.Hub.Pipeline;
using DataHub.Hub.Store;
using DataHub.Schemas.Privacy;
using DataHub.Schemas.Topics;

namespace DataHub.Hub.Invoices;

/// <summary>
/// One invoice ready to produce: its event (topic, key, Avro value) and ledger row, or its dead letter; or
/// (Value null, no dead letter) an invoice an interrupted run had already published and the ledger recorded.
/// </summary>
internal readonly record struct PreparedInvoice(long Position, string Topic, string Key, byte[]? Value, AcceptedInvoiceRow? Accepted, DeadLetterEntry? DeadLetter)
{
    public bool AlreadyPublished => Value is null;
}

internal sealed record PreparedInvoiceBatch(PreparedInvoice[] Items, int Count);

/// <summary>What a file's preparer needs: where the file is, and the run's shared parts.</summary>
internal sealed record InvoiceSource(string Path, string Name, string Hash, long AfterPosition, long RunId);

/// <summary>
/// The first stage of a file's run, on its own thread: read → validate → ledger (duplicates, red-letter rules)
/// → Avro, in batches, into a bounded channel the runner's loop produces from. Per batch, the rules that need
/// no ledger run first, then the ledger looks up in one store query every earlier invoice the batch refers to,
/// then the batch is checked and accepted in file order (a void may follow its original in the same file).
/// </summary>
internal sealed class InvoicePreparer(InvoiceSource source, InvoiceValidator validator, InvoiceLedger ledger,
    InvoiceEventEncoder encoder, IRecordEncoder deadLetterEncoder, Func<long> persistedThrough)
{
    public const int BatchSize = 1024;

    public static Channel<PreparedInvoiceBatch> CreateChannel() =>
        Channel.CreateBounded<PreparedInvoiceBatch>(new BoundedChannelOptions(8) { SingleReader = true, SingleWriter = true });

    public Task RunAsync(ChannelWriter<PreparedInvoiceBatch> output, CancellationToken ct) => Task.Run(async () =>
    {
        try
        {
            var reads = new List<InvoiceRead>(BatchSize);
            foreach (var read in InvoiceFileReader.Read(source.Path))
            {
                if (read.Index <= source.AfterPosition) continue;
                reads.Add(read);
                if (reads.Count < BatchSize) continue;
                await output.WriteAsync(Prepare(reads), ct);
                reads.Clear();
            }
            if (reads.Count > 0) await output.WriteAsync(Prepare(reads), ct);
            output.TryComplete();
        }
        catch (Exception e)
        {
            output.TryComplete(e);
        }
    }, ct);

    private PreparedInvoiceBatch Prepare(List<InvoiceRead> reads)
    {
        var errors = new InvoiceError?[reads.Count];
        for (var i = 0; i < reads.Count; i++)
            errors[i] = reads[i].Problem is { } problem ? new InvoiceError(reads[i].Field ?? "", problem) : validator.Validate(reads[i].Invoice!);
        ledger.Release(persistedThrough());
        ledger.Prefetch(reads.Where((_, i) => errors[i] is null).Select(r => r.Invoice));

        var batch = new PreparedInvoice[reads.Count];
        for (var i = 0; i < reads.Count; i++)
        {
            var (position, invoice, _, _) = reads[i];
            var error = errors[i];
            if (error is null && ledger.AcceptedEarlierFrom(invoice!, source.Hash, position))
            {
                batch[i] = new PreparedInvoice(position, "", "", null, null, null);
                continue;
            }
            error ??= ledger.Check(invoice!);
            batch[i] = error is null ? Accept(invoice!, position) : Reject(invoice, position, error);
        }
        return new PreparedInvoiceBatch(batch, batch.Length);
    }

    private PreparedInvoice Accept(Invoice invoice, long position)
    {
        var (entry, _) = ledger.Accept(invoice, source.Hash, position);
        var isVoid = invoice.Kind == InvoiceKind.Void;
        var originalKey = isVoid ? InvoiceKeys.Pack(invoice.Original!.InvoiceCode, invoice.Original.InvoiceNumber) : 0;
        IsoDate.TryParse(invoice.VisitDate ?? invoice.IssueDate, out var visit);
        var row = new AcceptedInvoiceRow(entry, originalKey, InvoiceValidator.PayerKey(invoice.Payer.ResidentId), visit.DayNumber, invoice.InstitutionCode, position);
        // Voids are keyed by the invoice they void, so an original and its void share a key (and a partition).
        return new PreparedInvoice(position, isVoid ? TopicCatalog.InvoicesVoided : TopicCatalog.InvoicesIssued,
            InvoiceKeys.Key(isVoid ? originalKey : entry.Key), encoder.Encode(invoice), row, null);
    }

    private PreparedInvoice Reject(Invoice? invoice, long position, InvoiceError error)
    {
        var masked = error.Field == "payer.residentId" ? PersonalDataMask.ResidentId(invoice?.Payer.ResidentId) : null;
        var entry = DeadLetterFactory.Entry(InvoiceRunner.FeedName, source.Hash, source.Name, position,
            new FieldError(error.Field.Length == 0 ? null : error.Field, masked, error.Reason), TopicCatalog.InvoicesIssued, source.RunId);
        return new PreparedInvoice(position, TopicCatalog.DeadLetters, InvoiceRunner.FeedName,
            deadLetterEncoder.Encode(DeadLetterFactory.Values(entry)), null, entry);
    }
}
