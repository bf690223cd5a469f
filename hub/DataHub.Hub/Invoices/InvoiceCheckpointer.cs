using DataHub.Hub.Kafka;
using DataHub.Hub.Pipeline;
using DataHub.Hub.Store;

namespace DataHub.Hub.Invoices;

/// <summary>
/// Persists, in the background, what Kafka has acknowledged of one file: the accepted invoices' ledger rows
/// (one transaction), then the dead letters, then the checkpoint, in that order, so a checkpoint never covers
/// an invoice the ledger lacks (a crash then cannot let a duplicate through). The prepare stage hands work
/// over (<see cref="Tick"/>) and goes on; one persist runs at a time. <see cref="PersistedThrough"/> tells the
/// ledger what it may forget.
/// </summary>
internal sealed class InvoiceCheckpointer(IFeedStateStore state, IInvoiceLedgerStore ledgerStore, KafkaConnection kafka,
    InvoiceSource source, long sourceId, AckTracker tracker)
{
    private readonly List<AcceptedInvoiceRow> _rows = [];
    private readonly List<DeadLetterEntry> _deadLetters = [];
    private Task _running = Task.CompletedTask;
    private long _persistedThrough = source.AfterPosition;

    public long PersistedThrough => Volatile.Read(ref _persistedThrough);

    public void Add(in PreparedInvoice prepared)
    {
        if (prepared.Accepted is { } row) _rows.Add(row);
        else if (prepared.DeadLetter is { } dead) _deadLetters.Add(dead);
    }

    /// <summary>Starts persisting what is acknowledged now, unless the previous persist is still running (then next time). Does not block.</summary>
    public void Tick(CancellationToken ct)
    {
        if (!_running.IsCompleted) return;
        _running.GetAwaiter().GetResult(); // surfaces a failure of the previous persist
        if (tracker.FirstError is { } error) throw new KafkaDeliveryException(error);
        var (safe, rows, dead) = TakeAcknowledged();
        _running = Task.Run(() => PersistAsync(safe, rows, dead, completed: false, ct), ct);
    }

    /// <summary>After the file's last acknowledgement: persists the rest and marks the file completed.</summary>
    public async Task CompleteAsync(CancellationToken ct)
    {
        await _running;
        if (tracker.FirstError is { } error) throw new KafkaDeliveryException(error);
        var (safe, rows, dead) = TakeAcknowledged();
        await PersistAsync(safe, rows, dead, completed: true, ct);
    }

    private (long Safe, List<AcceptedInvoiceRow> Rows, List<DeadLetterEntry> Dead) TakeAcknowledged()
    {
        var safe = tracker.SafeLine;
        return (safe, Take(_rows, r => r.Position <= safe), Take(_deadLetters, d => d.Line <= safe));
    }

    /// <summary>The leading items that match (both lists are in file order).</summary>
    private static List<T> Take<T>(List<T> items, Func<T, bool> acknowledged)
    {
        var count = 0;
        while (count < items.Count && acknowledged(items[count])) count++;
        var taken = items.GetRange(0, count);
        items.RemoveRange(0, count);
        return taken;
    }

    private async Task PersistAsync(long safe, List<AcceptedInvoiceRow> rows, List<DeadLetterEntry> dead, bool completed, CancellationToken ct)
    {
        ledgerStore.Save(sourceId, rows);
        await state.AddDeadLettersAsync(dead, ct);
        await state.SaveCheckpointAsync(new SourceCheckpoint(InvoiceRunner.FeedName, source.Hash, source.Name, kafka.ClusterIdentity, safe, completed, DateTimeOffset.UtcNow), ct);
        Volatile.Write(ref _persistedThrough, safe);
    }
}
