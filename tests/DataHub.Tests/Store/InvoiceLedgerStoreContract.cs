using DataHub.Connectors.Invoices;
using DataHub.Hub.Invoices;

namespace DataHub.Tests.Store;

/// <summary>
/// What every <see cref="IInvoiceLedgerStore"/> must do; a subclass per store runs it. Each test has clusters and
/// invoice keys of its own, so a shared database works.
/// </summary>
public abstract class InvoiceLedgerStoreContract
{
    /// <summary>The ledger of <paramref name="cluster"/> in the store under test.</summary>
    protected abstract IInvoiceLedgerStore Ledger(string cluster);

    private readonly string _cluster = "kafka:contract-" + Guid.NewGuid().ToString("N")[..12];
    // Invoice keys are 18 digits (code + number); each test takes a random block of them.
    private readonly long _base = 10_000_000_000_000_000L + Random.Shared.NextInt64(1, 80_000_000) * 1_000_000L;
    private const int VisitDay = 20_000;

    private long Key(int n) => _base + n;

    private AcceptedInvoiceRow Issued(int n, long fund = 8_000, long payer = 320102199001011237, int day = VisitDay, long position = 0) =>
        new(new LedgerEntry(Key(n), InvoiceKind.Issued, 10_000, fund, 1_000, 10_000 - fund - 1_000, 0), 0, payer, day, "H32010200001", position == 0 ? n : position);

    private AcceptedInvoiceRow VoidOf(int n, int original, long position = 0)
    {
        var o = Issued(original).Entry;
        return new(new LedgerEntry(Key(n), InvoiceKind.Void, -o.Total, -o.Fund, -o.Account, -o.Personal, 0), Key(original), 320102199001011237, VisitDay,
            "H32010200001", position == 0 ? n : position);
    }

    [StoreFact]
    public void A_source_has_one_id_per_content_hash_per_cluster()
    {
        var ledger = Ledger(_cluster);
        var a = ledger.SourceId("xxh128:aaaa", "invoices-a.ndjson");
        Assert.Equal(a, ledger.SourceId("xxh128:aaaa", "renamed.ndjson"));
        Assert.Equal(a, Ledger(_cluster).SourceId("xxh128:aaaa", "again.ndjson"));
        Assert.NotEqual(a, ledger.SourceId("xxh128:bbbb", "invoices-b.ndjson"));
        Assert.NotEqual(a, Ledger(_cluster + "-other").SourceId("xxh128:aaaa", "invoices-a.ndjson"));
    }

    [StoreFact]
    public void Saved_invoices_are_found_with_their_source_and_position_only_in_their_clusters_ledger()
    {
        var ledger = Ledger(_cluster);
        var source = ledger.SourceId("xxh128:found", "found.ndjson");
        ledger.Save(source, [Issued(1, position: 7), Issued(2, fund: 0, payer: 0, position: 8)]);
        ledger.Save(source, []);

        var found = ledger.Find([Key(1), Key(2), Key(3), Key(1)]).OrderBy(e => e.Entry.Key).ToList();
        Assert.Equal([new StoredLedgerEntry(Issued(1).Entry, "xxh128:found", 7), new StoredLedgerEntry(Issued(2, fund: 0).Entry, "xxh128:found", 8)], found);
        Assert.Empty(ledger.Find([]));
        Assert.Empty(Ledger(_cluster + "-other").Find([Key(1), Key(2)]));
        // Scattered keys are found as well as a close run of them.
        Assert.Single(ledger.Find([Key(1), Key(1) + 9_000_000_000_000L, Key(1) - 5_000_000_000L]));
    }

    [StoreFact]
    public void A_void_marks_its_original_voided_in_the_same_batch_or_a_later_one()
    {
        var ledger = Ledger(_cluster);
        var source = ledger.SourceId("xxh128:voids", "voids.ndjson");
        ledger.Save(source, [Issued(1), Issued(2), VoidOf(3, original: 1)]);
        ledger.Save(source, [VoidOf(4, original: 2)]);

        var entries = ledger.Find([Key(1), Key(2), Key(3), Key(4)]).ToDictionary(e => e.Entry.Key, e => e.Entry);
        Assert.Equal(Key(3), entries[Key(1)].VoidedBy);
        Assert.Equal(Key(4), entries[Key(2)].VoidedBy);
        Assert.Equal((InvoiceKind.Void, 0L, -10_000L), (entries[Key(3)].Kind, entries[Key(3)].VoidedBy, entries[Key(3)].Total));
    }

    [StoreFact]
    public void A_batch_with_an_invoice_already_in_the_ledger_fails_whole()
    {
        var ledger = Ledger(_cluster);
        var source = ledger.SourceId("xxh128:dupes", "dupes.ndjson");
        ledger.Save(source, [Issued(1)]);

        Assert.ThrowsAny<Exception>(() => ledger.Save(source, [Issued(2), VoidOf(3, original: 1), Issued(1)]));
        Assert.Equal([Key(1)], ledger.Find([Key(1), Key(2), Key(3)]).Select(e => e.Entry.Key));
        Assert.Equal(0, Assert.Single(ledger.Find([Key(1)])).Entry.VoidedBy);
        Ledger(_cluster + "-other").Save(Ledger(_cluster + "-other").SourceId("xxh128:dupes", "dupes.ndjson"), [Issued(1)]); // another cluster's ledger is its own
    }

    [StoreFact]
    public void Fund_claims_are_the_issued_fund_paid_invoices_with_a_payer_in_the_days_of_every_cluster_with_their_voids()
    {
        var ledger = Ledger(_cluster);
        var source = ledger.SourceId("xxh128:claims", "claims.ndjson");
        ledger.Save(source, [Issued(1), Issued(2, fund: 0), Issued(3, payer: 0), Issued(4, day: VisitDay - 31), Issued(5, day: VisitDay + 1),
            Issued(6, day: VisitDay - 30), Issued(7), VoidOf(8, original: 7)]);
        var other = Ledger(_cluster + "-other");
        other.Save(other.SourceId("xxh128:claims", "claims-elsewhere.ndjson"), [Issued(1)]);

        var claims = ledger.FundClaims(VisitDay - 30, VisitDay).Where(c => c.InvoiceKey >= Key(0) && c.InvoiceKey < Key(1_000)).ToList();
        Assert.Equal([Key(1), Key(1), Key(6), Key(7)], claims.Select(c => c.InvoiceKey).Order());
        Assert.True(claims.Single(c => c.InvoiceKey == Key(7)).Voided);
        Assert.Equal(["claims-elsewhere.ndjson", "claims.ndjson"], claims.Where(c => c.InvoiceKey == Key(1)).Select(c => c.Source).Order());
        var one = claims.First(c => c.InvoiceKey == Key(6));
        Assert.Equal(new StoredFundClaim(Key(6), 320102199001011237, VisitDay - 30, 8_000, "H32010200001", "claims.ndjson", 6, false), one);
    }
}
