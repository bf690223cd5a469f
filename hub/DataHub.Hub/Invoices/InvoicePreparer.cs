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
internal readonly record struct PreparedInvoice(long Position, string Topic, byte[] Key, byte[]? Value, AcceptedInvoiceRow? Accepted, DeadLetterEntry? DeadLetter)
{
    public bool AlreadyPublished => Value is null;
}

internal sealed record PreparedInvoiceBatch(PreparedInvoice[] Items, int Count);

/// <summary>What a file's preparer needs: where the file is, and the run's shared parts.</summary>
internal sealed record InvoiceSource(string Path, string Name, string Hash, long AfterPosition, long RunId);

/// <summary>Invoices read and checked on their own (no ledger yet): each read with its error, if any.</summary>
internal sealed record CheckedBatch(List<InvoiceRead> Reads, InvoiceError?[] Errors);

/// <summary>
/// A file's run in two stages, each on a thread of its own, joined by a bounded channel: "invoice-read" parses
/// and runs the rules that need no ledger; "invoice-prepare" looks up in one store query every earlier invoice a
/// batch refers to, checks and accepts the batch against the ledger in file order (a void may follow its original
/// in the same file), encodes the events and hands the batch to the runner's publishing step. The two overlap, so
/// an invoice costs about the slower stage rather than both.
/// </summary>
internal sealed class InvoicePreparer(InvoiceSource source, InvoiceValidator validator, InvoiceLedger ledger,
    InvoiceEventEncoder encoder, IRecordEncoder deadLetterEncoder, Func<long> persistedThrough, ReadPosition? position = null)
{
    // Small batches and shallow channels keep few invoices and events in flight: whatever is queued when a gen0
    // collection comes is promoted, and promotions were a large share of the run's time at 1,024 × 8.
    public const int BatchSize = 256;
    /// <summary>Dead letters are keyed by feed name.</summary>
    private static readonly byte[] DeadLetterKey = System.Text.Encoding.UTF8.GetBytes(InvoiceRunner.FeedName);

    /// <summary>A dead letter's origin: this file and the invoice's position in it.</summary>
    private readonly SourceOrigin _origin = new(InvoiceRunner.FeedName, source.Name, source.Hash);

    /// <summary>
    /// Starts both stages; <paramref name="publish"/> gets each prepared batch on the prepare thread (producing there
    /// spares handing every event to yet another core). The task ends when both stages have, failed if either did.
    /// </summary>
    public Task RunAsync(Action<PreparedInvoiceBatch> publish, CancellationToken ct)
    {
        var checkedBatches = Channel.CreateBounded<CheckedBatch>(new BoundedChannelOptions(2) { SingleReader = true, SingleWriter = true });
        var recycler = new InvoiceRecycler();
        var reading = StageThread.Start("invoice-read", () =>
        {
            try { Read(checkedBatches.Writer, recycler, ct); }
            catch (Exception e) { checkedBatches.Writer.TryComplete(e); throw; }
            checkedBatches.Writer.TryComplete();
        });
        var preparing = StageThread.Start("invoice-prepare", () =>
        {
            try
            {
                while (checkedBatches.Reader.WaitToReadAsync(ct).AsTask().GetAwaiter().GetResult())
                    while (checkedBatches.Reader.TryRead(out var batch))
                    {
                        var prepared = Prepare(batch);
                        // Nothing prepared refers to the invoices any more (events are bytes, rows and dead letters strings).
                        foreach (var read in batch.Reads)
                            if (read.Invoice is { } invoice) recycler.Return(invoice);
                        publish(prepared);
                    }
            }
            finally
            {
                checkedBatches.Writer.TryComplete(); // a failed preparer stops the reader too
            }
        });
        return Task.WhenAll(reading, preparing);
    }

    private void Read(ChannelWriter<CheckedBatch> output, InvoiceRecycler recycler, CancellationToken ct)
    {
        var reads = new List<InvoiceRead>(BatchSize);
        foreach (var read in InvoiceFileReader.Read(source.Path, recycler, position))
        {
            if (read.Index <= source.AfterPosition) continue;
            reads.Add(read);
            if (reads.Count < BatchSize) continue;
            if (!StageThread.Write(output, Check(reads), ct)) return;
            reads = new List<InvoiceRead>(BatchSize);
        }
        if (reads.Count > 0) StageThread.Write(output, Check(reads), ct);
    }

    private CheckedBatch Check(List<InvoiceRead> reads)
    {
        var errors = new InvoiceError?[reads.Count];
        for (var i = 0; i < reads.Count; i++)
            errors[i] = reads[i].Problem is { } problem ? new InvoiceError(reads[i].Field ?? "", problem) : validator.Validate(reads[i].Invoice!);
        return new CheckedBatch(reads, errors);
    }

    private PreparedInvoiceBatch Prepare(CheckedBatch checkedBatch)
    {
        var (reads, errors) = checkedBatch;
        ledger.Release(persistedThrough());
        ledger.Prefetch(reads.Where((_, i) => errors[i] is null).Select(r => r.Invoice));

        var batch = new PreparedInvoice[reads.Count];
        for (var i = 0; i < reads.Count; i++)
        {
            var (position, invoice, _, _) = reads[i];
            var error = errors[i];
            if (error is null && ledger.AcceptedEarlierFrom(invoice!, source.Hash, position))
            {
                batch[i] = new PreparedInvoice(position, "", [], null, null, null);
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
            InvoiceKeys.KeyBytes(isVoid ? originalKey : entry.Key), encoder.Encode(invoice), row, null);
    }

    private PreparedInvoice Reject(Invoice? invoice, long position, InvoiceError error)
    {
        var masked = error.Field == "payer.residentId" ? PersonalDataMask.ResidentId(invoice?.Payer.ResidentId) : null;
        // The topic the invoice was meant for: a red-letter invoice's is the voided topic (an unreadable record's, issued).
        var target = invoice?.Kind == InvoiceKind.Void ? TopicCatalog.InvoicesVoided : TopicCatalog.InvoicesIssued;
        var entry = DeadLetterFactory.Entry(InvoiceRunner.FeedName, source.Hash, source.Name, position,
            new FieldError(error.Field.Length == 0 ? null : error.Field, masked, error.Reason), target, source.RunId);
        return new PreparedInvoice(position, TopicCatalog.DeadLetters, DeadLetterKey,
            deadLetterEncoder.Encode(DeadLetterFactory.Values(entry), _origin, position), null, entry);
    }
}
