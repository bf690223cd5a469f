using DataHub.Reconciliation.Engine;
using DataHub.Reconciliation.Invoices;
using DataHub.Reconciliation.Registries;

namespace DataHub.Reconciliation.Rules;

/// <summary>
/// 未参保期间基金支付: an invoice on which the pooled fund paid for a visit on a day no enrolment of the payer
/// covered (none active or since ended spanning that day, by resident ID or, for a newborn enrolled before
/// having one, by the birth certificate the birth registration links). One signal per invoice; a visit after a
/// registered death is <see cref="FundPaidAfterDeath"/>'s. Visits after the as-of day are left for later.
/// Hits carry person 0 so the engine keeps each invoice (its one-hit-per-person merge is for person-level
/// rules); the person is the claim row's key.
/// </summary>
public sealed class FundPaidWhileNotEnrolled(FundClaims claims) : IGapRule
{
    public string Id => FundClaimRules.NotEnrolled;

    public void Find(RuleContext context, List<GapHit> hits)
    {
        var table = claims.Table;
        var enrolments = new KeyCursor<EnrolmentRow>(context.Registries.Enrolments);
        var deaths = new KeyCursor<DeathRow>(context.Registries.Deaths);
        var births = new KeyCursor<BirthRow>(context.Registries.Births);
        for (var i = 0; i < table.Count; i++)
        {
            var key = table.Keys[i];
            ref readonly var claim = ref table.Rows[i];
            if (key == 0 || claim.VisitDay > context.AsOfDay) continue;
            if (FundClaimRules.DeathBefore(context, deaths.Seek(key), claim.VisitDay) >= 0) continue;
            if (!Covered(context, key, claim.VisitDay, ref enrolments, ref births)) hits.Add(new GapHit(0, i, MatchKind.ResidentId));
        }
    }

    public Gap Describe(RuleContext context, GapHit hit)
    {
        var key = claims.Table.Keys[hit.Row];
        var claim = claims.Table.Rows[hit.Row];
        var evidence = new List<GapEvidence> { claims.Evidence(claim) };
        var (start, end) = context.Registries.Enrolments.Find(key);
        for (var i = start; i < end; i++)
        {
            var e = context.Registries.Enrolments.Rows[i];
            evidence.Add(context.Evidence(e.Origin, e.StartDay,
                $"enrolment {e.Scheme} {e.Status.Code()} {Keys.DateText(e.StartDay)} to {Keys.DateText(e.EndDay)}, not covering {Keys.DateText(claim.VisitDay)}"));
        }
        var records = end - start == 0 ? "no enrolment on record" : $"{end - start} enrolment record(s), none covering that day";
        return new Gap(RuleContext.PersonText(key), Id, claim.InvoiceText, RuleContext.Region(claim.InstitutionDivision),
            $"The fund paid {claim.FundFen / 100m:0.00} yuan on invoice {claim.InvoiceText} for a visit on {Keys.DateText(claim.VisitDay)} when the payer was not enrolled ({records}).",
            evidence, hit.Match);
    }

    private static bool Covered(RuleContext context, long key, int day, ref KeyCursor<EnrolmentRow> enrolments, ref KeyCursor<BirthRow> births)
    {
        var table = context.Registries.Enrolments;
        var (start, end) = enrolments.Seek(key);
        for (var i = start; i < end; i++)
            if (FundClaimRules.Covers(table.Rows[i], day)) return true;
        var born = births.Seek(key);
        for (var b = born.Start; b < born.End; b++)
        {
            var certificate = context.Registries.Births.Rows[b].Certificate;
            if (certificate == 0 || !context.Registries.EnrolmentsByCertificate.TryGetValue(certificate, out var rows)) continue;
            foreach (var e in rows)
                if (FundClaimRules.Covers(table.Rows[e], day)) return true;
        }
        return false;
    }
}
