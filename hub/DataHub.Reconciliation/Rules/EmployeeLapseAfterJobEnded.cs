using DataHub.Reconciliation.Engine;
using DataHub.Reconciliation.Registries;

namespace DataHub.Reconciliation.Rules;

/// <summary>
/// 职工停保后断保: the person's last job ended, the lapse grace has passed, and within it came no new job,
/// no self-paid (flexible) contribution and no enrolment that is active when the grace ends.
/// </summary>
public sealed class EmployeeLapseAfterJobEnded : IGapRule
{
    public string Id => RuleIds.JobEnded;

    public IEnumerable<Gap> Find(RuleContext context)
    {
        var jobs = context.Registries.Jobs;
        var enrolments = context.Registries.Enrolments;
        var contributions = context.Registries.Contributions;
        var enrolmentCursor = new KeyCursor<EnrolmentRow>(enrolments);
        var contributionCursor = new KeyCursor<ContributionRow>(contributions);
        var oldest = Keys.Day(context.AsOf.AddMonths(-context.Options.LapseLookbackMonths));
        foreach (var (key, start, end) in jobs.Groups())
        {
            if (key == 0) continue;
            var last = start;
            for (var i = start + 1; i < end; i++)
            {
                var (row, best) = (jobs.Rows[i], jobs.Rows[last]);
                if (row.Day > best.Day || (row.Day == best.Day && row.IsStart)) last = i;
            }
            var ended = jobs.Rows[last];
            if (ended.IsStart || ended.Day < oldest) continue;
            var graceEnd = Keys.Day(Keys.Date(ended.Day).AddMonths(context.Options.LapseGraceMonths));
            if (graceEnd >= context.AsOfDay || context.IsDeceased(key)) continue;
            if (RuleContext.AnyActiveOn(enrolments, enrolmentCursor.Seek(key), graceEnd)) continue;
            if (SelfPaidAfter(contributions, contributionCursor.Seek(key), Keys.Month(ended.Day))) continue;
            yield return new Gap(RuleContext.PersonText(key), Id, Keys.Month(ended.Day).ToString(), RuleContext.Region(ended.PoolingArea),
                $"Job ended {Keys.DateText(ended.Day)}; no new job, self-paid contribution or active enrolment by {Keys.DateText(graceEnd)}.",
                [context.Evidence(ended.Origin, ended.Day, "job ended")], MatchKind.ResidentId);
        }
    }

    private static bool SelfPaidAfter(KeyedTable<ContributionRow> table, (int Start, int End) range, int month)
    {
        for (var i = range.Start; i < range.End; i++)
            if (table.Rows[i].PaidByPerson && table.Rows[i].Period > month) return true;
        return false;
    }
}
