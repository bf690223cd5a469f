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

    public IEnumerable<Gap> Find(RuleContext context)
    {
        var transfers = context.Registries.Transfers;
        var limit = context.Options.TransferWorkingDays;
        var deadlines = new Dictionary<int, int>();
        for (var i = 0; i < transfers.Count; i++)
        {
            var t = transfers.Rows[i];
            if (transfers.Keys[i] == 0 || t.Status is not (TransferStatus.Applied or TransferStatus.InProgress)) continue;
            if (!deadlines.TryGetValue(t.AppliedDay, out var deadline))
                deadlines[t.AppliedDay] = deadline = Keys.Day(context.Calendar.AddWorkingDays(Keys.Date(t.AppliedDay), limit));
            if (context.AsOfDay <= deadline || context.IsDeceased(transfers.Keys[i])) continue;
            yield return new Gap(RuleContext.PersonText(transfers.Keys[i]), Id, t.TransferId, RuleContext.Region(t.ToArea),
                $"Transfer {t.TransferId} from {t.FromArea} to {t.ToArea} applied {Keys.DateText(t.AppliedDay)} is still {t.Status.Code()} after {limit} working days (deadline {Keys.DateText(deadline)}).",
                [context.Evidence(t.Origin, t.AppliedDay, $"transfer {t.Status.Code()}")], MatchKind.ResidentId);
        }
    }
}
