using System.Diagnostics;
using DataHub.Connectors.Invoices;
using DataHub.Hub.Pipeline;
using Microsoft.Extensions.Logging;

namespace DataHub.Hub.Invoices;

/// <summary>
/// Publishes a file's prepared batches, on the prepare thread: each event or dead letter is produced, its ledger
/// row or dead letter handed to the <see cref="InvoiceCheckpointer"/>, the counts kept; every half second the
/// checkpointer starts persisting what Kafka acknowledged, and progress is reported (how far the reader is
/// into the file of <paramref name="fileBytes"/> bytes, for the time left).
/// </summary>
internal sealed class InvoicePublisher(InvoiceSender sender, InvoiceCheckpointer checkpointer, string sourceName,
    ReadPosition position, long fileBytes, IProgress<FeedProgress>? progress, ILogger logger, CancellationToken ct)
{
    private static readonly TimeSpan CheckpointEvery = TimeSpan.FromMilliseconds(500);
    private readonly Stopwatch _sinceCheckpoint = Stopwatch.StartNew();

    public long Read { get; private set; }
    public long Published { get; private set; }
    public long Rejected { get; private set; }
    /// <summary>Invoices an interrupted run had already published (counted, not sent again).</summary>
    public long Recovered { get; private set; }

    public void Publish(PreparedInvoiceBatch batch)
    {
        for (var i = 0; i < batch.Count; i++)
        {
            ref readonly var invoice = ref batch.Items[i];
            Read++;
            if (invoice.AlreadyPublished)
            {
                sender.AlreadyPublished(invoice.Position);
                Recovered++;
                continue;
            }
            sender.Send(invoice.Topic, invoice.Key, invoice.Value!, invoice.Position);
            checkpointer.Add(invoice);
            if (invoice.DeadLetter is { } dead)
            {
                Rejected++;
                logger.LogDebug("{Feed}: {Source} invoice {Position} rejected: {Field} {Reason}", InvoiceRunner.FeedName, sourceName, dead.Line, dead.Field, dead.Reason);
            }
            else Published++;
        }
        if (_sinceCheckpoint.Elapsed < CheckpointEvery) return;
        ct.ThrowIfCancellationRequested();
        checkpointer.Tick(ct);
        progress?.Report(Progress(done: false));
        _sinceCheckpoint.Restart();
    }

    /// <summary>Before the end, never the whole file (the reader runs a little ahead of what is published).</summary>
    public FeedProgress Progress(bool done)
    {
        var total = Math.Max(1, fileBytes);
        return new(InvoiceRunner.FeedName, sourceName, Read, Published, Rejected, done ? total : Math.Min(position.Bytes, total - 1), total);
    }
}
