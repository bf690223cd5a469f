using DataHub.Reconciliation.Engine;
using DataHub.Reconciliation.Registries;

namespace DataHub.Reconciliation.Rules;

/// <summary>
/// 在校学生未参保: a student on this school year's roster with no enrolment active on AsOf. A student the
/// roster names without an ID is matched to the registered birth by guardian + birth date + sex + name.
/// </summary>
public sealed class StudentNotEnrolled : IGapRule
{
    public string Id => RuleIds.Student;

    public void Find(RuleContext context, List<GapHit> hits)
    {
        var students = context.Registries.Students;
        var enrolments = context.Registries.Enrolments;
        var cursor = new KeyCursor<EnrolmentRow>(enrolments);
        for (var i = 0; i < students.Count; i++)
        {
            ref readonly var student = ref students.Rows[i];
            if (!string.Equals(student.SchoolYear, context.SchoolYear, StringComparison.Ordinal)) continue;
            var key = students.Keys[i];
            var match = MatchKind.ResidentId;
            if (key == 0)
            {
                key = context.Children.ByParent(student.GuardianKey, student.BirthDay, student.Sex, student.Name);
                match = key == 0 ? MatchKind.Unresolved : MatchKind.Parent;
            }
            if (key != 0 && (context.IsDeceased(key) || RuleContext.AnyActiveOn(enrolments, cursor.Seek(key), context.AsOfDay))) continue;
            hits.Add(new GapHit(key, i, match));
        }
    }

    public Gap Describe(RuleContext context, GapHit hit)
    {
        var student = context.Registries.Students.Rows[hit.Row];
        var person = hit.Person != 0 ? RuleContext.PersonText(hit.Person)
            : $"G:{(student.GuardianKey == 0 ? "" : RuleContext.PersonText(student.GuardianKey))}:{Keys.Date(student.BirthDay):yyyyMMdd}:{student.Sex}:{student.Name}";
        return new Gap(person, Id, student.SchoolYear, RuleContext.Region(student.SchoolDivision),
            $"Student on the {student.SchoolYear} roster has no active enrolment on {context.AsOf:yyyy-MM-dd}.",
            [context.Evidence(student.Origin, student.BirthDay, "on the school roster")], hit.Match);
    }
}
