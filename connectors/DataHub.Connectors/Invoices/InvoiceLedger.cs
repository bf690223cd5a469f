namespace DataHub.Connectors.Invoices;

/// <summary>What the ledger remembers of an accepted invoice.</summary>
public sealed record LedgerEntry(string Key, InvoiceKind Kind, decimal Total, decimal Fund, decimal Account, decimal Personal, string? VoidedBy);

/// <summary>
/// The invoices accepted so far, for the rules that need them: an invoice code+number is accepted once;
/// a red-letter invoice must void an existing original, exactly once, with every amount negated.
/// </summary>
public sealed class InvoiceLedger
{
    private readonly Dictionary<string, LedgerEntry> _entries = new(StringComparer.Ordinal);

    public InvoiceLedger(IEnumerable<LedgerEntry>? known = null)
    {
        foreach (var entry in known ?? []) _entries[entry.Key] = entry;
    }

    public int Count => _entries.Count;

    public LedgerEntry? Find(string key) => _entries.GetValueOrDefault(key);

    public InvoiceError? Check(Invoice invoice)
    {
        if (_entries.TryGetValue(invoice.Key, out var seen))
            return new("invoiceNumber", $"duplicate: invoice {invoice.InvoiceCode}-{invoice.InvoiceNumber} was already accepted ({seen.Kind.ToString().ToLowerInvariant()})");
        if (invoice.Kind == InvoiceKind.Issued) return null;

        var original = invoice.Original!;
        if (!_entries.TryGetValue(original.Key, out var target) || target.Kind != InvoiceKind.Issued)
            return new("original", $"voids unknown invoice {original.InvoiceCode}-{original.InvoiceNumber}");
        if (target.VoidedBy is not null)
            return new("original", $"invoice {original.InvoiceCode}-{original.InvoiceNumber} was already voided by {target.VoidedBy[..8]}-{target.VoidedBy[8..]}");
        if (invoice.TotalAmount != -target.Total || invoice.FundPaid != -target.Fund || invoice.AccountPaid != -target.Account || invoice.PersonalPaid != -target.Personal)
            return new("totalAmount", $"a red-letter invoice must negate the original exactly (original total {target.Total}, fund {target.Fund}, account {target.Account}, personal {target.Personal})");
        return null;
    }

    /// <summary>Records an accepted invoice; returns the entries that changed (to persist).</summary>
    public IReadOnlyList<LedgerEntry> Accept(Invoice invoice)
    {
        var entry = new LedgerEntry(invoice.Key, invoice.Kind, invoice.TotalAmount, invoice.FundPaid, invoice.AccountPaid, invoice.PersonalPaid, null);
        _entries[entry.Key] = entry;
        if (invoice.Kind != InvoiceKind.Void) return [entry];
        var voided = _entries[invoice.Original!.Key] with { VoidedBy = invoice.Key };
        _entries[voided.Key] = voided;
        return [entry, voided];
    }
}
