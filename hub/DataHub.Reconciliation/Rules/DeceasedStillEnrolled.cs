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

    public IEnumerable<Gap> Find(RuleContext context)
    {
        var deaths = context.Registries.Deaths;
        var enrolments = context.Registries.Enrolments;
        var contributions = context.Registries.Contributions;
        var enrolmentCursor = new KeyCursor<EnrolmentRow>(enrolments);
        var contributionCursor = new KeyCursor<ContributionRow>(contributions);
        foreach (var (key, start, _) in deaths.Groups())
        {
            var death = deaths.Rows[start];
            if (key == 0 || death.DeathDay + context.Options.DeathGraceDays >= context.AsOfDay) continue;
            var evidence = new List<GapEvidence> { context.Evidence(death.Origin, death.DeathDay, "death registered") };
            var range = enrolmentCursor.Seek(key);
            for (var i = range.Start; i < range.End; i++)
            {
                var e = enrolments.Rows[i];
                if (e.Status == EnrolmentStatus.Active && e.EndDay > death.DeathDay)
                    evidence.Add(context.Evidence(e.Origin, e.StartDay, $"enrolment {e.Scheme} still active"));
            }
            var deathMonth = Keys.Month(death.DeathDay);
            var paid = contributionCursor.Seek(key);
            for (var i = paid.Start; i < paid.End; i++)
            {
                var c = contributions.Rows[i];
                if (c.Period > deathMonth) evidence.Add(context.Evidence(c.Origin, c.PaidDay, $"contribution for {c.Period} after death"));
            }
            if (evidence.Count == 1) continue;
            yield return new Gap(RuleContext.PersonText(key), Id, Keys.Date(death.DeathDay).ToString("yyyyMMdd"), RuleContext.Region(death.Division),
                $"Died {Keys.DateText(death.DeathDay)} but {evidence.Count - 1} enrolment or contribution record(s) continue after death.",
                evidence, MatchKind.ResidentId);
        }
    }
}
