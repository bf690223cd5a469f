using DataHub.Reconciliation.Engine;
using DataHub.Reconciliation.Registries;

namespace DataHub.Reconciliation.Rules;

/// <summary>
/// 资助参保对象未参保: a member of an assisted group (特困、低保、低收入、防返贫监测、孤儿、事实无人抚养儿童、重度残疾)
/// during the coverage year with no enrolment active on AsOf. One rule for every group: the groups are data,
/// and a person in several groups is one case with each membership as evidence.
/// </summary>
public sealed class AssistedGroupMemberNotEnrolled : IGapRule
{
    public string Id => RuleIds.Assisted;

    public void Find(RuleContext context, List<GapHit> hits)
    {
        var members = context.Registries.Memberships;
        var enrolments = context.Registries.Enrolments;
        var cursor = new KeyCursor<EnrolmentRow>(enrolments);
        var deceased = context.Deceased.Cursor();
        var keys = members.Keys;
        for (var start = 0; start < members.Count;)
        {
            var key = keys[start];
            var end = start + 1;
            while (end < members.Count && keys[end] == key) end++;
            var current = -1;
            for (var i = start; i < end && current < 0; i++)
                if (Current(context, members.Rows[i])) current = i;
            start = end;
            if (key == 0 || current < 0 || deceased.Contains(key) || RuleContext.AnyActiveOn(enrolments, cursor.Seek(key), context.AsOfDay)) continue;
            hits.Add(new GapHit(key, current, MatchKind.ResidentId));
        }
    }

    public Gap Describe(RuleContext context, GapHit hit)
    {
        var members = context.Registries.Memberships;
        var (start, end) = members.RowsOf(hit.Row);
        var current = Enumerable.Range(start, end - start).Where(i => Current(context, members.Rows[i])).ToList();
        var groups = string.Join(", ", current.Select(i => members.Rows[i].Group.Code()).Distinct());
        return new Gap(RuleContext.PersonText(hit.Person), Id, context.YearText, RuleContext.Region(members.Rows[hit.Row].Division),
            $"Member of assisted group(s) {groups} has no active enrolment on {context.AsOfText}.",
            current.Select(i => context.Evidence(members.Rows[i].Origin, members.Rows[i].FromDay, $"member of {members.Rows[i].Group.Code()}")).ToList(),
            hit.Match);
    }

    private static bool Current(RuleContext context, in MembershipRow m) => m.FromDay <= context.AsOfDay && m.ToDay >= context.YearStartDay;
}
