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

    public void Find(RuleContext context, List<GapHit> hits)
    {
        var jobs = context.Registries.Jobs;
        var enrolments = context.Registries.Enrolments;
        var contributions = context.Registries.Contributions;
        var enrolmentCursor = new KeyCursor<EnrolmentRow>(enrolments);
        var contributionCursor = new KeyCursor<ContributionRow>(contributions);
        var oldest = Keys.Day(context.AsOf.AddMonths(-context.Options.LapseLookbackMonths));
        var deceased = context.Deceased.Cursor();
        var keys = jobs.Keys;
        for (var i = 0; i < jobs.Count;)
        {
            var key = keys[i];
            var last = i;
            var j = i + 1;
            for (; j < jobs.Count && keys[j] == key; j++)
            {
                ref readonly var row = ref jobs.Rows[j];
                ref readonly var best = ref jobs.Rows[last];
                if (row.Day > best.Day || (row.Day == best.Day && row.IsStart)) last = j;
            }
            i = j;
            ref readonly var ended = ref jobs.Rows[last];
            if (key == 0 || ended.IsStart || ended.Day < oldest) continue;
            var graceEnd = GraceEnd(context, ended.Day);
            if (graceEnd >= context.AsOfDay || deceased.Contains(key)) continue;
            if (RuleContext.AnyActiveOn(enrolments, enrolmentCursor.Seek(key), graceEnd)) continue;
            if (SelfPaidAfter(contributions, contributionCursor.Seek(key), Keys.Month(ended.Day))) continue;
            hits.Add(new GapHit(key, last, MatchKind.ResidentId));
        }
    }

    public Gap Describe(RuleContext context, GapHit hit)
    {
        var ended = context.Registries.Jobs.Rows[hit.Row];
        return new Gap(RuleContext.PersonText(hit.Person), Id, Keys.Month(ended.Day).ToString(), RuleContext.Region(ended.PoolingArea),
            $"Job ended {Keys.DateText(ended.Day)}; no new job, self-paid contribution or active enrolment by {Keys.DateText(GraceEnd(context, ended.Day))}.",
            [context.Evidence(ended.Origin, ended.Day, "job ended")], hit.Match);
    }

    private static int GraceEnd(RuleContext context, int day) => Keys.Day(Keys.Date(day).AddMonths(context.Options.LapseGraceMonths));

    private static bool SelfPaidAfter(KeyedTable<ContributionRow> table, (int Start, int End) range, int month)
    {
        for (var i = range.Start; i < range.End; i++)
            if (table.Rows[i].PaidByPerson && table.Rows[i].Period > month) return true;
        return false;
    }
}
