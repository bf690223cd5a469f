using DataHub.Reconciliation.Engine;
using DataHub.Reconciliation.Registries;

namespace DataHub.Reconciliation.Rules;

/// <summary>
/// 有缴费无参保: contributions (by an employer, or by a flexible worker themselves) for recent periods,
/// but no enrolment active on AsOf.
/// </summary>
public sealed class ContributorWithoutEnrolment : IGapRule
{
    public string Id => RuleIds.Contributor;

    public IEnumerable<Gap> Find(RuleContext context)
    {
        var contributions = context.Registries.Contributions;
        var enrolments = context.Registries.Enrolments;
        var cursor = new KeyCursor<EnrolmentRow>(enrolments);
        var firstPeriod = Keys.AddMonths(Keys.Month(context.AsOf), -context.Options.ContributionLookbackMonths);
        foreach (var (key, start, end) in contributions.Groups())
        {
            if (key == 0) continue;
            var recent = -1;
            for (var i = start; i < end && recent < 0; i++)
                if (contributions.Rows[i].Period >= firstPeriod) recent = i;
            if (recent < 0 || context.IsDeceased(key)) continue;
            if (RuleContext.AnyActiveOn(enrolments, cursor.Seek(key), context.AsOfDay)) continue;
            var evidence = new List<GapEvidence>();
            for (var i = start; i < end; i++)
            {
                var c = contributions.Rows[i];
                if (c.Period >= firstPeriod)
                    evidence.Add(context.Evidence(c.Origin, c.PaidDay, $"{(c.PaidByPerson ? "self-paid" : "employer-paid")} {c.Scheme} contribution for {c.Period}"));
            }
            var row = contributions.Rows[recent];
            yield return new Gap(RuleContext.PersonText(key), Id, context.Year.ToString(), RuleContext.Region(row.PoolingArea),
                $"Contributions for recent periods ({evidence.Count}) but no active enrolment on {context.AsOf:yyyy-MM-dd}.",
                evidence, MatchKind.ResidentId);
        }
    }
}
