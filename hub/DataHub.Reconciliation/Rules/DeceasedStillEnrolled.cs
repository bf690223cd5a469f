using DataHub.Reconciliation.Engine;
using DataHub.Reconciliation.Registries;

namespace DataHub.Reconciliation.Rules;

/// <summary>
/// 死亡未停保: a registered death (past the death grace) while an enrolment is still active after the date of
/// death, or contributions continue for periods after it.
/// </summary>
public sealed class DeceasedStillEnrolled : IGapRule
{
    public string Id => RuleIds.Deceased;

    public void Find(RuleContext context, List<GapHit> hits)
    {
        var deaths = context.Registries.Deaths;
        var enrolmentCursor = new KeyCursor<EnrolmentRow>(context.Registries.Enrolments);
        var contributionCursor = new KeyCursor<ContributionRow>(context.Registries.Contributions);
        for (var i = 0; i < deaths.Count; i++)
        {
            var key = deaths.Keys[i];
            if (key == 0 || (i > 0 && deaths.Keys[i - 1] == key)) continue;
            ref readonly var death = ref deaths.Rows[i];
            if (death.DeathDay + context.Options.DeathGraceDays >= context.AsOfDay) continue;
            if (Continuing(context, key, death.DeathDay, ref enrolmentCursor, ref contributionCursor, null))
                hits.Add(new GapHit(key, i, MatchKind.ResidentId));
        }
    }

    public Gap Describe(RuleContext context, GapHit hit)
    {
        var death = context.Registries.Deaths.Rows[hit.Row];
        var evidence = new List<GapEvidence> { context.Evidence(death.Origin, death.DeathDay, "death registered") };
        var enrolmentCursor = new KeyCursor<EnrolmentRow>(context.Registries.Enrolments);
        var contributionCursor = new KeyCursor<ContributionRow>(context.Registries.Contributions);
        Continuing(context, hit.Person, death.DeathDay, ref enrolmentCursor, ref contributionCursor, evidence);
        return new Gap(RuleContext.PersonText(hit.Person), Id, Keys.Date(death.DeathDay).ToString("yyyyMMdd"), RuleContext.Region(death.Division),
            $"Died {Keys.DateText(death.DeathDay)} but {evidence.Count - 1} enrolment or contribution record(s) continue after death.",
            evidence, hit.Match);
    }

    private static bool Continuing(RuleContext context, long key, int deathDay, ref KeyCursor<EnrolmentRow> enrolmentCursor,
        ref KeyCursor<ContributionRow> contributionCursor, List<GapEvidence>? evidence)
    {
        var enrolments = context.Registries.Enrolments;
        var contributions = context.Registries.Contributions;
        var found = false;
        var range = enrolmentCursor.Seek(key);
        for (var i = range.Start; i < range.End; i++)
        {
            ref readonly var e = ref enrolments.Rows[i];
            if (e.Status != EnrolmentStatus.Active || e.EndDay <= deathDay) continue;
            found = true;
            evidence?.Add(context.Evidence(e.Origin, e.StartDay, $"enrolment {e.Scheme} still active"));
        }
        var deathMonth = Keys.Month(deathDay);
        var paid = contributionCursor.Seek(key);
        for (var i = paid.Start; i < paid.End; i++)
        {
            ref readonly var c = ref contributions.Rows[i];
            if (c.Period <= deathMonth) continue;
            found = true;
            evidence?.Add(context.Evidence(c.Origin, c.PaidDay, $"contribution for {c.Period} after death"));
        }
        return found;
    }
}
