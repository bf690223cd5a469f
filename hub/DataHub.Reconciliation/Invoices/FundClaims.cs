using DataHub.Reconciliation.Registries;

namespace DataHub.Reconciliation.Invoices;

/// <summary>
/// A medical-fee invoice on which the pooled fund paid (统筹基金支付): the invoice (code + number as one
/// 18-digit number), the visit day, the fund's part in fen, the issuing institution and its division, and
/// where the invoice was read (an index into <see cref="FundClaims.Origins"/> and its position in the file).
/// </summary>
public readonly record struct FundClaimRow(long InvoiceKey, int VisitDay, long FundFen, string InstitutionCode, int InstitutionDivision, RowOrigin Origin)
{
    /// <summary>code-number, as people write it.</summary>
    public string InvoiceText => $"{InvoiceKey / 10_000_000_000L:D8}-{InvoiceKey % 10_000_000_000L:D10}";
}

/// <summary>
/// The fund-paid invoices the registry cross-checks read, in memory and columnar like the registries: keyed by
/// the payer's packed resident ID, so a rule walks them in key order beside the enrolments and deaths.
/// </summary>
public sealed class FundClaims(KeyedTable<FundClaimRow> table, IReadOnlyList<SourceOrigin> origins)
{
    public static FundClaims Empty { get; } = new(KeyedTable<FundClaimRow>.Empty, []);

    public KeyedTable<FundClaimRow> Table { get; } = table;
    public IReadOnlyList<SourceOrigin> Origins { get; } = origins;

    /// <summary>The invoice as evidence: feed, file, position, visit day, what it shows.</summary>
    public Engine.GapEvidence Evidence(in FundClaimRow claim)
    {
        var origin = claim.Origin.Source < Origins.Count ? Origins[claim.Origin.Source] : new SourceOrigin("?", "?");
        return new Engine.GapEvidence(origin.Feed, origin.Source, claim.Origin.Line, Keys.Date(claim.VisitDay),
            $"invoice {claim.InvoiceText}: fund paid {claim.FundFen / 100m:0.00} yuan at {claim.InstitutionCode}");
    }
}

/// <summary>Collects fund-paid invoices in any order, then builds <see cref="FundClaims"/>.</summary>
public sealed class FundClaimsBuilder
{
    private readonly KeyedTableBuilder<FundClaimRow> _rows = new();
    private readonly List<SourceOrigin> _origins = [];
    private readonly Dictionary<SourceOrigin, int> _originIndex = [];

    public int Count => _rows.Count;

    /// <summary>The index of a feed's source file, for <see cref="RowOrigin"/>.</summary>
    public int Origin(string feed, string source)
    {
        var origin = new SourceOrigin(feed, source);
        if (_originIndex.TryGetValue(origin, out var index)) return index;
        _origins.Add(origin);
        return _originIndex[origin] = _origins.Count - 1;
    }

    public void Add(long payerKey, in FundClaimRow row) => _rows.Add(payerKey, row);

    public FundClaims Build() => new(_rows.Build(), _origins.ToArray());
}
