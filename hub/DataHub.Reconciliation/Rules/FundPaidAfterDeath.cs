using DataHub.Reconciliation.Engine;
using DataHub.Reconciliation.Invoices;
using DataHub.Reconciliation.Registries;

namespace DataHub.Reconciliation.Rules;

/// <summary>
/// 死亡后基金支付: an invoice on which the pooled fund paid for a visit after the payer's registered date of death
/// (a death on the visit day itself is not one: people die in hospital). One signal per invoice, with the
/// invoice and the death record (public security, health or civil affairs) as evidence. Hits carry person 0,
/// as in <see cref="FundPaidWhileNotEnrolled"/>.
/// </summary>
public sealed class FundPaidAfterDeath(FundClaims claims) : IGapRule
{
    public string Id => FundClaimRules.AfterDeath;

    public void Find(RuleContext context, List<GapHit> hits)
    {
        var table = claims.Table;
        var deaths = new KeyCursor<DeathRow>(context.Registries.Deaths);
        for (var i = 0; i < table.Count; i++)
        {
            var key = table.Keys[i];
            ref readonly var claim = ref table.Rows[i];
            if (key == 0 || claim.VisitDay > context.AsOfDay) continue;
            if (FundClaimRules.DeathBefore(context, deaths.Seek(key), claim.VisitDay) >= 0) hits.Add(new GapHit(0, i, MatchKind.ResidentId));
        }
    }

    public Gap Describe(RuleContext context, GapHit hit)
    {
        var key = claims.Table.Keys[hit.Row];
        var claim = claims.Table.Rows[hit.Row];
        var death = context.Registries.Deaths.Rows[FundClaimRules.DeathBefore(context, context.Registries.Deaths.Find(key), claim.VisitDay)];
        return new Gap(RuleContext.PersonText(key), Id, claim.InvoiceText, RuleContext.Region(claim.InstitutionDivision),
            $"The fund paid {claim.FundFen / 100m:0.00} yuan on invoice {claim.InvoiceText} for a visit on {Keys.DateText(claim.VisitDay)}, " +
            $"{claim.VisitDay - death.DeathDay} day(s) after the payer's registered death on {Keys.DateText(death.DeathDay)}.",
            [claims.Evidence(claim), context.Evidence(death.Origin, death.DeathDay, "death registered")], hit.Match);
    }
}
