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

    public void Find(RuleContext context, List<GapHit> hits)
    {
        var contributions = context.Registries.Contributions;
        var enrolments = context.Registries.Enrolments;
        var cursor = new KeyCursor<EnrolmentRow>(enrolments);
        var firstPeriod = FirstPeriod(context);
        var deceased = context.Deceased.Cursor();
        var keys = contributions.Keys;
        for (var i = 0; i < contributions.Count;)
        {
            var key = keys[i];
            var recent = -1;
            var j = i;
            for (; j < contributions.Count && keys[j] == key; j++)
                if (recent < 0 && contributions.Rows[j].Period >= firstPeriod) recent = j;
            i = j;
            if (key == 0 || recent < 0 || deceased.Contains(key)) continue;
            if (!RuleContext.AnyActiveOn(enrolments, cursor.Seek(key), context.AsOfDay)) hits.Add(new GapHit(key, recent, MatchKind.ResidentId));
        }
    }

    public Gap Describe(RuleContext context, GapHit hit)
    {
        var contributions = context.Registries.Contributions;
        var firstPeriod = FirstPeriod(context);
        var (start, end) = contributions.RowsOf(hit.Row);
        var evidence = new List<GapEvidence>();
        for (var i = start; i < end; i++)
        {
            var c = contributions.Rows[i];
            if (c.Period >= firstPeriod)
                evidence.Add(context.Evidence(c.Origin, c.PaidDay, $"{(c.PaidByPerson ? "self-paid" : "employer-paid")} {c.Scheme} contribution for {c.Period}"));
        }
        return new Gap(RuleContext.PersonText(hit.Person), Id, context.YearText, RuleContext.Region(contributions.Rows[hit.Row].PoolingArea),
            $"Contributions for recent periods ({evidence.Count}) but no active enrolment on {context.AsOfText}.", evidence, hit.Match);
    }

    private static int FirstPeriod(RuleContext context) => Keys.AddMonths(Keys.Month(context.AsOf), -context.Options.ContributionLookbackMonths);
}
