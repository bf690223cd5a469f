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
        // Rows without an ID sort first. The guardian match gives them keys in no order, so they are resolved
        // first, sorted, and probed in key order like the rows that carry an ID.
        var resolved = new List<GapHit>();
        var withId = 0;
        for (; withId < students.Count && students.Keys[withId] == 0; withId++)
        {
            ref readonly var student = ref students.Rows[withId];
            if (!OnCurrentRoster(context, student)) continue;
            var key = context.Children.ByParent(student.GuardianKey, student.BirthDay, student.Sex, student.Name);
            if (key == 0) hits.Add(new GapHit(0, withId, MatchKind.Unresolved));
            else resolved.Add(new GapHit(key, withId, MatchKind.Parent));
        }
        var span = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(resolved);
        HitOrder.SortByPerson(span);
        var enrolments = new KeyCursor<EnrolmentRow>(context.Registries.Enrolments);
        var deceased = context.Deceased.Cursor();
        foreach (var candidate in span)
            if (NotEnrolled(context, candidate.Person, ref enrolments, ref deceased)) hits.Add(candidate);
        enrolments = new KeyCursor<EnrolmentRow>(context.Registries.Enrolments);
        deceased = context.Deceased.Cursor();
        for (var i = withId; i < students.Count; i++)
            if (OnCurrentRoster(context, students.Rows[i]) && NotEnrolled(context, students.Keys[i], ref enrolments, ref deceased))
                hits.Add(new GapHit(students.Keys[i], i, MatchKind.ResidentId));
    }

    private static bool OnCurrentRoster(RuleContext context, in StudentRow student) =>
        string.Equals(student.SchoolYear, context.SchoolYear, StringComparison.Ordinal);

    private static bool NotEnrolled(RuleContext context, long key, ref KeyCursor<EnrolmentRow> enrolments, ref SortedKeySetCursor deceased) =>
        !deceased.Contains(key) && !RuleContext.AnyActiveOn(context.Registries.Enrolments, enrolments.Seek(key), context.AsOfDay);

    public Gap Describe(RuleContext context, GapHit hit)
    {
        var student = context.Registries.Students.Rows[hit.Row];
        var person = hit.Person != 0 ? RuleContext.PersonText(hit.Person)
            : $"G:{(student.GuardianKey == 0 ? "" : RuleContext.PersonText(student.GuardianKey))}:{Keys.Date(student.BirthDay):yyyyMMdd}:{student.Sex}:{student.Name}";
        return new Gap(person, Id, student.SchoolYear, RuleContext.Region(student.SchoolDivision),
            $"Student on the {student.SchoolYear} roster has no active enrolment on {context.AsOfText}.",
            [context.Evidence(student.Origin, student.BirthDay, "on the school roster")], hit.Match);
    }
}
