using DataHub.Reconciliation.Engine;
using DataHub.Reconciliation.Registries;

namespace DataHub.Reconciliation.Rules;

/// <summary>
/// 转移接续超时: a transfer between pooling areas still applied or in progress after its deadline, counted in
/// official working days (调休 included) with <see cref="DataHub.Schemas.Reference.WorkingDayCalendar"/>.
/// </summary>
public sealed class TransferOverdue : IGapRule
{
    public string Id => RuleIds.TransferOverdue;

    public void Find(RuleContext context, List<GapHit> hits)
    {
        var transfers = context.Registries.Transfers;
        var deadlines = new Dictionary<int, int>();
        var deceased = context.Deceased.Cursor();
        for (var i = 0; i < transfers.Count; i++)
        {
            ref readonly var t = ref transfers.Rows[i];
            if (transfers.Keys[i] == 0 || t.Status is not (TransferStatus.Applied or TransferStatus.InProgress)) continue;
            if (!deadlines.TryGetValue(t.AppliedDay, out var deadline)) deadlines[t.AppliedDay] = deadline = Deadline(context, t.AppliedDay);
            if (context.AsOfDay > deadline && !deceased.Contains(transfers.Keys[i])) hits.Add(new GapHit(transfers.Keys[i], i, MatchKind.ResidentId));
        }
    }

    public Gap Describe(RuleContext context, GapHit hit)
    {
        var t = context.Registries.Transfers.Rows[hit.Row];
        return new Gap(RuleContext.PersonText(hit.Person), Id, t.TransferId, RuleContext.Region(t.ToArea),
            $"Transfer {t.TransferId} from {t.FromArea} to {t.ToArea} applied {Keys.DateText(t.AppliedDay)} is still {t.Status.Code()} after " +
            $"{context.Options.TransferWorkingDays} working days (deadline {Keys.DateText(Deadline(context, t.AppliedDay))}).",
            [context.Evidence(t.Origin, t.AppliedDay, $"transfer {t.Status.Code()}")], hit.Match);
    }

    private static int Deadline(RuleContext context, int applied) =>
        Keys.Day(context.Calendar.AddWorkingDays(Keys.Date(applied), context.Options.TransferWorkingDays));
}
