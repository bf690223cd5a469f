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

    public IEnumerable<Gap> Find(RuleContext context)
    {
        var members = context.Registries.Memberships;
        var enrolments = context.Registries.Enrolments;
        var cursor = new KeyCursor<EnrolmentRow>(enrolments);
        foreach (var (key, start, end) in members.Groups())
        {
            if (key == 0 || context.IsDeceased(key)) continue;
            List<int>? current = null;
            for (var i = start; i < end; i++)
            {
                var m = members.Rows[i];
                if (m.FromDay <= context.AsOfDay && m.ToDay >= context.YearStartDay) (current ??= []).Add(i);
            }
            if (current is null || RuleContext.AnyActiveOn(enrolments, cursor.Seek(key), context.AsOfDay)) continue;
            var groups = string.Join(", ", current.Select(i => members.Rows[i].Group.Code()).Distinct());
            yield return new Gap(RuleContext.PersonText(key), Id, context.Year.ToString(), RuleContext.Region(members.Rows[current[0]].Division),
                $"Member of assisted group(s) {groups} has no active enrolment on {context.AsOf:yyyy-MM-dd}.",
                current.Select(i => context.Evidence(members.Rows[i].Origin, members.Rows[i].FromDay, $"member of {members.Rows[i].Group.Code()}")).ToList(),
                MatchKind.ResidentId);
        }
    }
}
