using DataHub.Connectors.Invoices;
using DataHub.Hub.Invoices;

namespace DataHub.Tests.Invoices;

/// <summary>The ledger holds only what the store may not have yet, and still enforces every rule over the store's history.</summary>
public sealed class InvoiceLedgerTests
{
    private readonly InMemoryLedgerStore _store = new();

    [Fact]
    public void Released_invoices_are_found_again_in_the_store_so_a_duplicate_or_second_void_is_still_refused()
    {
        var generator = new InvoiceGenerator(51);
        var original = generator.Issued();
        var ledger = new InvoiceLedger(_store);
        Accept(ledger, original, position: 1);
        ledger.Release(persistedThrough: 1);
        Assert.Equal(0, ledger.HeldCount);

        var red = generator.VoidOf(original);
        ledger.Prefetch([original, red]);
        Assert.Contains("duplicate", ledger.Check(original)?.Reason);
        Assert.Null(ledger.Check(red));
        Accept(ledger, red, position: 2);
        ledger.Release(persistedThrough: 2);

        var second = generator.VoidOf(original);
        ledger.Prefetch([second]);
        Assert.Contains("already voided", ledger.Check(second)?.Reason);
    }

    [Fact]
    public void An_original_voided_after_it_was_persisted_stays_held_until_the_void_is_persisted_too()
    {
        var generator = new InvoiceGenerator(52);
        var original = generator.Issued();
        var ledger = new InvoiceLedger(_store);
        ledger.Accept(original, "h", 1);
        ledger.Accept(generator.VoidOf(original), "h", 2);

        ledger.Release(persistedThrough: 1);
        Assert.Contains("already voided", ledger.Check(generator.VoidOf(original))?.Reason);
        Assert.Equal(2, ledger.HeldCount);
        ledger.Release(persistedThrough: 2);
        Assert.Equal(0, ledger.HeldCount);
    }

    [Fact]
    public void An_invoice_is_known_as_published_earlier_only_from_the_same_file_content_and_position()
    {
        var invoice = new InvoiceGenerator(53).Issued();
        Accept(new InvoiceLedger(_store), invoice, position: 7, hash: "content-a");
        var ledger = new InvoiceLedger(_store);
        ledger.Prefetch([invoice]);

        Assert.True(ledger.AcceptedEarlierFrom(invoice, "content-a", 7));
        Assert.False(ledger.AcceptedEarlierFrom(invoice, "content-a", 8));
        Assert.False(ledger.AcceptedEarlierFrom(invoice, "content-b", 7));
    }

    [Fact]
    public void A_void_that_does_not_negate_an_amount_names_that_amount()
    {
        var generator = new InvoiceGenerator(54);
        var original = generator.Issued(items: 2);
        original.FundPaid = 20m;
        original.AccountPaid = 5m;
        original.PersonalPaid = original.TotalAmount - 25m;
        var ledger = new InvoiceLedger(_store);
        Accept(ledger, original, position: 1);
        var red = generator.VoidOf(original);
        red.FundPaid = 20m;                                // not negated; personal takes up the difference, so the parts still add up
        red.PersonalPaid = red.TotalAmount - 20m - red.AccountPaid;

        var error = ledger.Check(red);

        Assert.Equal("fundPaid", error?.Field);
        Assert.Contains("fund 20.00, account 5.00", error?.Reason);
    }

    private void Accept(InvoiceLedger ledger, Invoice invoice, long position, string hash = "h")
    {
        var (accepted, voided) = ledger.Accept(invoice, hash, position);
        _store.Persist(accepted, hash, position);
        if (voided is { } v) _store.Persist(v, hash, position);
    }

    /// <summary>The store side of the ledger, in memory: what was persisted, as the SQLite store returns it.</summary>
    private sealed class InMemoryLedgerStore : IInvoiceLedgerLookup
    {
        private readonly Dictionary<long, StoredLedgerEntry> _rows = [];

        public void Persist(LedgerEntry entry, string hash, long position) =>
            _rows[entry.Key] = _rows.TryGetValue(entry.Key, out var known) ? known with { Entry = entry } : new StoredLedgerEntry(entry, hash, position);

        public IReadOnlyList<StoredLedgerEntry> Find(IReadOnlyCollection<long> keys) => [.. keys.Where(_rows.ContainsKey).Select(k => _rows[k])];
    }
}
