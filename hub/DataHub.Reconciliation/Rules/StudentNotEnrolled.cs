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

    public IEnumerable<Gap> Find(RuleContext context)
    {
        var students = context.Registries.Students;
        var enrolments = context.Registries.Enrolments;
        var cursor = new KeyCursor<EnrolmentRow>(enrolments);
        for (var i = 0; i < students.Count; i++)
        {
            var student = students.Rows[i];
            if (student.SchoolYear != context.SchoolYear) continue;
            var key = students.Keys[i];
            var matchedBy = MatchKind.ResidentId;
            if (key == 0)
            {
                key = context.Children.ByParent(student.GuardianKey, student.BirthDay, student.Sex, student.Name);
                matchedBy = key == 0 ? MatchKind.Unresolved : MatchKind.Parent;
            }
            if (key != 0 && (context.IsDeceased(key) || RuleContext.AnyActiveOn(enrolments, cursor.Seek(key), context.AsOfDay))) continue;
            var person = key != 0 ? RuleContext.PersonText(key)
                : $"G:{(student.GuardianKey == 0 ? "" : RuleContext.PersonText(student.GuardianKey))}:{Keys.Date(student.BirthDay):yyyyMMdd}:{student.Sex}:{student.Name}";
            yield return new Gap(person, Id, student.SchoolYear, RuleContext.Region(student.SchoolDivision),
                $"Student on the {student.SchoolYear} roster has no active enrolment on {context.AsOf:yyyy-MM-dd}.",
                [context.Evidence(student.Origin, student.BirthDay, "on the school roster")], matchedBy);
        }
    }
}
