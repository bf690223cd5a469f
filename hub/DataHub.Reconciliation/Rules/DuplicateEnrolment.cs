using DataHub.Reconciliation.Engine;
using DataHub.Reconciliation.Registries;

namespace DataHub.Reconciliation.Rules;

/// <summary>重复参保: enrolments active on AsOf in two pooling areas, or in both schemes (310 and 390).</summary>
public sealed class DuplicateEnrolment : IGapRule
{
    public string Id => RuleIds.Duplicate;

    public void Find(RuleContext context, List<GapHit> hits)
    {
        var enrolments = context.Registries.Enrolments;
        var keys = enrolments.Keys;
        var day = context.AsOfDay;
        var deceased = context.Deceased.Cursor();
        for (var i = 0; i < enrolments.Count;)
        {
            var key = keys[i];
            int first = -1, area = 0;
            short scheme = 0;
            var duplicate = false;
            var j = i;
            for (; j < enrolments.Count && keys[j] == key; j++)
            {
                ref readonly var row = ref enrolments.Rows[j];
                if (!row.ActiveOn(day)) continue;
                if (first < 0) { first = j; area = row.PoolingArea; scheme = row.Scheme; }
                else if (row.PoolingArea != area || row.Scheme != scheme) duplicate = true;
            }
            i = j;
            if (key != 0 && duplicate && !deceased.Contains(key)) hits.Add(new GapHit(key, first, MatchKind.ResidentId));
        }
    }

    public Gap Describe(RuleContext context, GapHit hit)
    {
        var enrolments = context.Registries.Enrolments;
        var (start, end) = enrolments.RowsOf(hit.Row);
        var evidence = new List<GapEvidence>();
        for (var i = start; i < end; i++)
            if (enrolments.Rows[i].ActiveOn(context.AsOfDay))
                evidence.Add(context.Evidence(enrolments.Rows[i].Origin, enrolments.Rows[i].StartDay,
                    $"active {enrolments.Rows[i].Scheme} enrolment in {enrolments.Rows[i].PoolingArea}"));
        return new Gap(RuleContext.PersonText(hit.Person), Id, context.YearText, RuleContext.Region(enrolments.Rows[hit.Row].PoolingArea),
            $"{evidence.Count} enrolments active on {context.AsOfText} in different pooling areas or schemes.", evidence, hit.Match);
    }
}
