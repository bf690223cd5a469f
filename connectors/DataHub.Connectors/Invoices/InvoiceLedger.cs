namespace DataHub.Connectors.Invoices;

/// <summary>What the ledger remembers of an accepted invoice: its key (code + number as one number), kind, amounts in fen, and the red-letter invoice that voided it (0: none).</summary>
public readonly record struct LedgerEntry(long Key, InvoiceKind Kind, long Total, long Fund, long Account, long Personal, long VoidedBy);

/// <summary>A ledger entry as the store has it, with the source (by content hash) and position it was accepted from.</summary>
public readonly record struct StoredLedgerEntry(LedgerEntry Entry, string SourceHash, long Position);

/// <summary>Where the ledger finds invoices accepted before (and not held in memory any more).</summary>
public interface IInvoiceLedgerLookup
{
    /// <summary>The stored entries of those of <paramref name="keys"/> that exist.</summary>
    IReadOnlyList<StoredLedgerEntry> Find(IReadOnlyCollection<long> keys);
}

/// <summary>
/// The invoices accepted so far, for the rules that need them: an invoice code+number is accepted once; a
/// red-letter invoice must void an existing original, exactly once, with every amount negated.
/// It holds in memory only what the store may not have yet (accepted in this run, not yet persisted) plus what
/// <see cref="Prefetch"/> looked up for the current batch, so its memory stays flat however long the ledger's
/// history: the caller persists accepted entries and then <see cref="Release"/>s them. Without a lookup it keeps
/// everything (tests, dry runs). One thread at a time.
/// </summary>
public sealed class InvoiceLedger(IInvoiceLedgerLookup? lookup = null)
{
    /// <summary>An entry in memory; LastChange: the position whose persistence makes it safe to forget (0: already in the store).</summary>
    private readonly record struct Held(LedgerEntry Entry, string? SourceHash, long Position, long LastChange);

    // Sized for the invoices in flight between acceptance and persistence, so it does not grow while running.
    private readonly Dictionary<long, Held> _held = new(1 << 16);
    private readonly Queue<(long Position, long Key)> _order = new();
    private readonly List<long> _missing = [];

    public int HeldCount => _held.Count;

    /// <summary>Looks up in the store, in one query, every earlier invoice the batch refers to (its own keys and the originals it voids).</summary>
    public void Prefetch(IEnumerable<Invoice?> batch)
    {
        if (lookup is null) return;
        _missing.Clear();
        foreach (var invoice in batch)
        {
            if (invoice is null) continue;
            if (InvoiceKeys.TryPack(invoice.InvoiceCode, invoice.InvoiceNumber, out var key) && !_held.ContainsKey(key)) _missing.Add(key);
            if (invoice.Original is { } o && InvoiceKeys.TryPack(o.InvoiceCode, o.InvoiceNumber, out var original) && !_held.ContainsKey(original)) _missing.Add(original);
        }
        if (_missing.Count == 0) return;
        foreach (var stored in lookup.Find(_missing))
        {
            // Held as already persisted (position 0): the next Release lets it go again.
            if (_held.TryAdd(stored.Entry.Key, new Held(stored.Entry, stored.SourceHash, stored.Position, 0))) _order.Enqueue((0, stored.Entry.Key));
        }
    }

    public LedgerEntry? Find(long key) => _held.TryGetValue(key, out var held) ? held.Entry : null;

    /// <summary>Whether this very invoice (same source content, same position) was accepted by an earlier, interrupted run.</summary>
    public bool AcceptedEarlierFrom(Invoice invoice, string sourceHash, long position) =>
        InvoiceKeys.TryPack(invoice.InvoiceCode, invoice.InvoiceNumber, out var key) && _held.TryGetValue(key, out var held)
        && held.Position == position && held.SourceHash == sourceHash;

    public InvoiceError? Check(Invoice invoice)
    {
        if (!InvoiceKeys.TryPack(invoice.InvoiceCode, invoice.InvoiceNumber, out var key))
            return new("invoiceNumber", $"'{invoice.InvoiceCode}-{invoice.InvoiceNumber}' is not an invoice code and number");
        if (_held.TryGetValue(key, out var seen))
            return new("invoiceNumber", $"duplicate: invoice {invoice.InvoiceCode}-{invoice.InvoiceNumber} was already accepted ({Name(seen.Entry.Kind)})");
        if (invoice.Kind == InvoiceKind.Issued) return null;

        var original = invoice.Original!;
        if (!InvoiceKeys.TryPack(original.InvoiceCode, original.InvoiceNumber, out var originalKey)
            || !_held.TryGetValue(originalKey, out var target) || target.Entry.Kind != InvoiceKind.Issued)
            return new("original", $"voids unknown invoice {original.InvoiceCode}-{original.InvoiceNumber}");
        var t = target.Entry;
        if (t.VoidedBy != 0)
            return new("original", $"invoice {original.InvoiceCode}-{original.InvoiceNumber} was already voided by {InvoiceKeys.Text(t.VoidedBy)}");
        // The field named is the first amount that is not the original's negated.
        var field = Fen(invoice.TotalAmount) != -t.Total ? "totalAmount" : Fen(invoice.FundPaid) != -t.Fund ? "fundPaid"
            : Fen(invoice.AccountPaid) != -t.Account ? "accountPaid" : Fen(invoice.PersonalPaid) != -t.Personal ? "personalPaid" : null;
        return field is null ? null
            : new(field, $"a red-letter invoice must negate the original exactly (original total {Yuan(t.Total)}, fund {Yuan(t.Fund)}, account {Yuan(t.Account)}, personal {Yuan(t.Personal)})");
    }

    /// <summary>Records an accepted (checked) invoice at <paramref name="position"/> of <paramref name="sourceHash"/>; returns its entry and, for a void, the original's updated entry.</summary>
    public (LedgerEntry Accepted, LedgerEntry? Voided) Accept(Invoice invoice, string? sourceHash = null, long position = 0)
    {
        var key = InvoiceKeys.Pack(invoice.InvoiceCode, invoice.InvoiceNumber);
        var entry = new LedgerEntry(key, invoice.Kind, Fen(invoice.TotalAmount), Fen(invoice.FundPaid), Fen(invoice.AccountPaid), Fen(invoice.PersonalPaid), 0);
        Hold(entry, sourceHash, position);
        if (invoice.Kind != InvoiceKind.Void) return (entry, null);
        var originalKey = InvoiceKeys.Pack(invoice.Original!.InvoiceCode, invoice.Original.InvoiceNumber);
        var original = _held[originalKey];
        var voided = original.Entry with { VoidedBy = key };
        // The update is persisted with the void, so it is released with the void.
        _held[originalKey] = original with { Entry = voided, LastChange = position };
        _order.Enqueue((position, originalKey));
        return (entry, voided);
    }

    /// <summary>Forgets what the store now has: entries accepted at positions up to <paramref name="persistedThrough"/> (no-op without a lookup).</summary>
    public void Release(long persistedThrough)
    {
        if (lookup is null) return;
        while (_order.TryPeek(out var next) && next.Position <= persistedThrough)
        {
            _order.Dequeue();
            // A later change of the same invoice (its void) keeps it held until that change is persisted too.
            if (_held.TryGetValue(next.Key, out var held) && held.LastChange <= persistedThrough) _held.Remove(next.Key);
        }
    }

    /// <summary>Forgets everything held (a new file: positions start again).</summary>
    public void ReleaseAll()
    {
        if (lookup is null) return;
        _held.Clear();
        _order.Clear();
    }

    private void Hold(LedgerEntry entry, string? sourceHash, long position)
    {
        _held[entry.Key] = new Held(entry, sourceHash, position, position);
        _order.Enqueue((position, entry.Key));
    }

    /// <summary>Yuan as fen (the validator allows no more than 2 decimal places).</summary>
    public static long Fen(decimal yuan) => DataHub.Schemas.Text.FixedPoint.TryUnscaled(yuan, 2, out var fen) ? fen : (long)(yuan * 100m);

    private static string Yuan(long fen) => (fen / 100m).ToString("0.00", System.Globalization.CultureInfo.InvariantCulture);

    private static string Name(InvoiceKind kind) => kind == InvoiceKind.Issued ? "issued" : "void";
}
