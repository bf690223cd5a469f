using DataHub.Reconciliation.Engine;
using DataHub.Reconciliation.Registries;

namespace DataHub.Reconciliation.Rules;

/// <summary>
/// 城乡居民未续保: enrolled in the resident scheme (390) on 31 December of last year, and no enrolment in any
/// scheme covering any day of this year up to AsOf.
/// </summary>
public sealed class ResidentEnrolmentNotRenewed : IGapRule
{
    public string Id => RuleIds.NotRenewed;

    public void Find(RuleContext context, List<GapHit> hits)
    {
        if (context.AsOfDay < context.YearStartDay + context.Options.RenewalGraceDays) return;
        var enrolments = context.Registries.Enrolments;
        var keys = enrolments.Keys;
        var lastYearEnd = context.YearStartDay - 1;
        var deceased = context.Deceased.Cursor();
        for (var i = 0; i < enrolments.Count;)
        {
            var key = keys[i];
            var previous = -1;
            var renewed = false;
            var j = i;
            for (; j < enrolments.Count && keys[j] == key; j++)
            {
                ref readonly var row = ref enrolments.Rows[j];
                if (row.Scheme == RegistryCodes.ResidentScheme && row.StartDay <= lastYearEnd && row.EndDay >= lastYearEnd) previous = j;
                if (row.Overlaps(context.YearStartDay, context.AsOfDay)) renewed = true;
            }
            i = j;
            if (key != 0 && previous >= 0 && !renewed && !deceased.Contains(key)) hits.Add(new GapHit(key, previous, MatchKind.ResidentId));
        }
    }

    public Gap Describe(RuleContext context, GapHit hit)
    {
        var last = context.Registries.Enrolments.Rows[hit.Row];
        return new Gap(RuleContext.PersonText(hit.Person), Id, context.YearText, RuleContext.Region(last.PoolingArea),
            $"Resident-scheme enrolment ended {Keys.DateText(last.EndDay)} and was not renewed for {context.Year}.",
            [context.Evidence(last.Origin, last.EndDay, "last resident enrolment")], hit.Match);
    }
}
