using DataHub.Reconciliation.Engine;
using DataHub.Reconciliation.Registries;

namespace DataHub.Reconciliation.Rules;

/// <summary>
/// 新生儿未在宽限期内参保: a registered birth whose grace has run out with no enrolment starting within it,
/// looked up by the child's ID and by the birth certificate (newborns are often enrolled on it before
/// they have an ID). A birth record without the child's ID is matched to the registered birth by
/// certificate, else by mother + birth date + sex (+ name).
/// </summary>
public sealed class NewbornNotEnrolledWithinGrace : IGapRule
{
    public string Id => RuleIds.Newborn;

    public IEnumerable<Gap> Find(RuleContext context)
    {
        var births = context.Registries.Births;
        var enrolments = context.Registries.Enrolments;
        var cursor = new KeyCursor<EnrolmentRow>(enrolments);
        var grace = context.Options.NewbornGraceDays;
        var earliest = context.AsOfDay - context.Options.NewbornLookbackDays;
        for (var i = 0; i < births.Count; i++)
        {
            var birth = births.Rows[i];
            var deadline = birth.BirthDay + grace;
            if (deadline >= context.AsOfDay || birth.BirthDay < earliest) continue;
            var key = births.Keys[i];
            var matchedBy = MatchKind.ResidentId;
            if (key == 0)
            {
                key = context.Children.ByCertificate(birth.Certificate);
                if (key == 0) { key = context.Children.ByParent(birth.MotherKey, birth.BirthDay, birth.Sex, birth.Name); matchedBy = MatchKind.Parent; }
                else matchedBy = MatchKind.Certificate;
            }
            if (key != 0 && context.IsDeceased(key)) continue;

            var evidence = new List<GapEvidence> { context.Evidence(birth.Origin, birth.BirthDay, "birth registered") };
            var onTime = false;
            var byCertificate = false;
            if (key != 0)
            {
                var range = cursor.Seek(key);
                for (var e = range.Start; e < range.End; e++) onTime |= Check(context, enrolments.Rows[e], deadline, evidence);
            }
            if (birth.Certificate != 0 && context.Registries.EnrolmentsByCertificate.TryGetValue(birth.Certificate, out var rows))
                foreach (var e in rows)
                {
                    if (enrolments.Keys[e] != 0 && enrolments.Keys[e] == key) continue;
                    byCertificate = true;
                    onTime |= Check(context, enrolments.Rows[e], deadline, evidence);
                }
            if (onTime) continue;
            if (key == 0) matchedBy = MatchKind.Unresolved;
            else if (byCertificate && births.Keys[i] != 0) matchedBy = MatchKind.Certificate;
            var person = key != 0 ? RuleContext.PersonText(key) : $"BC:{Keys.CertificateText(birth.Certificate)}";
            var late = evidence.Count > 1 ? "enrolled only after the grace" : "not enrolled";
            yield return new Gap(person, Id, Keys.Date(birth.BirthDay).ToString("yyyyMMdd"), RuleContext.Region(birth.Division),
                $"Newborn born {Keys.DateText(birth.BirthDay)}: {late} ({grace}-day grace ended {Keys.DateText(deadline)}).",
                evidence, matchedBy);
        }
    }

    private static bool Check(RuleContext context, EnrolmentRow row, int deadline, List<GapEvidence> evidence)
    {
        if (row.StartDay <= deadline) return true;
        evidence.Add(context.Evidence(row.Origin, row.StartDay, $"enrolment {row.Scheme} starts after the grace"));
        return false;
    }
}
