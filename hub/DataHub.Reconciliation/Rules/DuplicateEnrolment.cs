using DataHub.Reconciliation.Engine;
using DataHub.Reconciliation.Registries;

namespace DataHub.Reconciliation.Rules;

/// <summary>重复参保: enrolments active on AsOf in two pooling areas, or in both schemes (310 and 390).</summary>
public sealed class DuplicateEnrolment : IGapRule
{
    public string Id => RuleIds.Duplicate;

    public IEnumerable<Gap> Find(RuleContext context)
    {
        var enrolments = context.Registries.Enrolments;
        var day = context.AsOfDay;
        foreach (var (key, start, end) in enrolments.Groups())
        {
            if (key == 0 || end - start < 2) continue;
            int first = -1, area = 0;
            short scheme = 0;
            var duplicate = false;
            for (var i = start; i < end; i++)
            {
                var row = enrolments.Rows[i];
                if (!row.ActiveOn(day)) continue;
                if (first < 0) { first = i; area = row.PoolingArea; scheme = row.Scheme; }
                else if (row.PoolingArea != area || row.Scheme != scheme) duplicate = true;
            }
            if (!duplicate || context.IsDeceased(key)) continue;
            var evidence = new List<GapEvidence>();
            for (var i = start; i < end; i++)
                if (enrolments.Rows[i].ActiveOn(day))
                    evidence.Add(context.Evidence(enrolments.Rows[i].Origin, enrolments.Rows[i].StartDay,
                        $"active {enrolments.Rows[i].Scheme} enrolment in {enrolments.Rows[i].PoolingArea}"));
            yield return new Gap(RuleContext.PersonText(key), Id, context.Year.ToString(), RuleContext.Region(area),
                $"{evidence.Count} enrolments active on {context.AsOf:yyyy-MM-dd} in different pooling areas or schemes.",
                evidence, MatchKind.ResidentId);
        }
    }
}
