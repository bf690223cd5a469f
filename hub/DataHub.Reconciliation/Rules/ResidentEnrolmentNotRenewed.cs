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

    public IEnumerable<Gap> Find(RuleContext context)
    {
        if (context.AsOfDay < context.YearStartDay + context.Options.RenewalGraceDays) yield break;
        var enrolments = context.Registries.Enrolments;
        var lastYearEnd = context.YearStartDay - 1;
        foreach (var (key, start, end) in enrolments.Groups())
        {
            if (key == 0) continue;
            var previous = -1;
            var renewed = false;
            for (var i = start; i < end; i++)
            {
                var row = enrolments.Rows[i];
                if (row.Scheme == RegistryCodes.ResidentScheme && row.StartDay <= lastYearEnd && row.EndDay >= lastYearEnd) previous = i;
                if (row.Overlaps(context.YearStartDay, context.AsOfDay)) renewed = true;
            }
            if (previous < 0 || renewed || context.IsDeceased(key)) continue;
            var last = enrolments.Rows[previous];
            yield return new Gap(RuleContext.PersonText(key), Id, context.Year.ToString(), RuleContext.Region(last.PoolingArea),
                $"Resident-scheme enrolment ended {Keys.DateText(last.EndDay)} and was not renewed for {context.Year}.",
                [context.Evidence(last.Origin, last.EndDay, "last resident enrolment")], MatchKind.ResidentId);
        }
    }
}
