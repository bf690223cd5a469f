using DataHub.Hub.Invoices;
using DataHub.Reconciliation.Engine;
using DataHub.Reconciliation.Invoices;
using DataHub.Reconciliation.Registries;
using DataHub.Schemas.Codes;

namespace DataHub.Hub.Reconciliation;

/// <summary>
/// Loads the fund-paid invoices of the ledger (the invoices `datahub invoices run` accepted) for the registry
/// cross-checks: visits within <see cref="ReconciliationOptions.FundClaimLookbackDays"/> before the as-of day,
/// not voided, each invoice once, with its file and position as evidence.
/// </summary>
public static class StoreFundClaimLoader
{
    public static FundClaims Load(IInvoiceLedgerStore ledger, ReconciliationOptions options)
    {
        var asOf = Keys.Day(options.ResolveAsOf());
        var claims = new Dictionary<long, StoredFundClaim>();
        var voided = new HashSet<long>();
        foreach (var claim in ledger.FundClaims(asOf - options.FundClaimLookbackDays, asOf))
        {
            if (claim.Voided) voided.Add(claim.InvoiceKey);
            else claims.TryAdd(claim.InvoiceKey, claim);
        }
        var division = CodingStandards.Get("institution").Division;
        var builder = new FundClaimsBuilder();
        foreach (var claim in claims.Values)
        {
            if (voided.Contains(claim.InvoiceKey)) continue;
            builder.Add(claim.PayerKey, new FundClaimRow(claim.InvoiceKey, claim.VisitDay, claim.FundFen, claim.InstitutionCode,
                DivisionOf(claim.InstitutionCode, division), new RowOrigin(builder.Origin(InvoiceRunner.FeedName, claim.Source), (int)Math.Min(claim.Position, int.MaxValue))));
        }
        return builder.Build();
    }

    /// <summary>The GB/T 2260 division the institution code embeds (standard 8), 0 when it has none.</summary>
    private static int DivisionOf(string institutionCode, EmbeddedDivision? at) =>
        at is { } d && institutionCode.Length >= d.Offset + d.Length && int.TryParse(institutionCode.AsSpan(d.Offset, d.Length), out var code) ? code : 0;
}
