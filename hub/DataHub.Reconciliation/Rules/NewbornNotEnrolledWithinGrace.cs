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

    public void Find(RuleContext context, List<GapHit> hits)
    {
        var births = context.Registries.Births;
        // Rows without the child's ID sort first. Matching gives them keys in no order, so they are resolved
        // first, sorted, and probed in key order like the rows that carry an ID.
        var resolved = new List<GapHit>();
        var withId = 0;
        for (; withId < births.Count && births.Keys[withId] == 0; withId++)
            if (InWindow(context, births.Rows[withId]))
            {
                var (key, match) = Resolve(context, 0, births.Rows[withId]);
                resolved.Add(new GapHit(key, withId, match));
            }
        var span = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(resolved);
        HitOrder.SortByPerson(span);
        var cursor = new KeyCursor<EnrolmentRow>(context.Registries.Enrolments);
        var deceased = context.Deceased.Cursor();
        foreach (var candidate in span) Probe(context, candidate, ref cursor, ref deceased, hits);
        cursor = new KeyCursor<EnrolmentRow>(context.Registries.Enrolments);
        deceased = context.Deceased.Cursor();
        for (var i = withId; i < births.Count; i++)
            if (InWindow(context, births.Rows[i])) Probe(context, new GapHit(births.Keys[i], i, MatchKind.ResidentId), ref cursor, ref deceased, hits);
    }

    private static bool InWindow(RuleContext context, in BirthRow birth) =>
        birth.BirthDay + context.Options.NewbornGraceDays < context.AsOfDay && birth.BirthDay >= context.AsOfDay - context.Options.NewbornLookbackDays;

    private static void Probe(RuleContext context, GapHit candidate, ref KeyCursor<EnrolmentRow> cursor, ref SortedKeySetCursor deceased, List<GapHit> hits)
    {
        var key = candidate.Person;
        if (key != 0 && deceased.Contains(key)) return;
        var (onTime, byCertificate) = Check(context, key, context.Registries.Births.Rows[candidate.Row], ref cursor, null);
        if (onTime) return;
        var match = candidate.Match;
        if (key == 0) match = MatchKind.Unresolved;
        else if (byCertificate && match == MatchKind.ResidentId) match = MatchKind.Certificate;
        hits.Add(candidate with { Match = match });
    }

    public Gap Describe(RuleContext context, GapHit hit)
    {
        var birth = context.Registries.Births.Rows[hit.Row];
        var deadline = birth.BirthDay + context.Options.NewbornGraceDays;
        var evidence = new List<GapEvidence> { context.Evidence(birth.Origin, birth.BirthDay, "birth registered") };
        var cursor = new KeyCursor<EnrolmentRow>(context.Registries.Enrolments);
        Check(context, hit.Person, birth, ref cursor, evidence);
        var person = hit.Person != 0 ? RuleContext.PersonText(hit.Person) : $"BC:{Keys.CertificateText(birth.Certificate)}";
        var late = evidence.Count > 1 ? "enrolled only after the grace" : "not enrolled";
        return new Gap(person, Id, Keys.Date(birth.BirthDay).ToString("yyyyMMdd"), RuleContext.Region(birth.Division),
            $"Newborn born {Keys.DateText(birth.BirthDay)}: {late} ({context.Options.NewbornGraceDays}-day grace ended {Keys.DateText(deadline)}).",
            evidence, hit.Match);
    }

    private static (long Key, MatchKind Match) Resolve(RuleContext context, long key, in BirthRow birth)
    {
        if (key != 0) return (key, MatchKind.ResidentId);
        var byCertificate = context.Children.ByCertificate(birth.Certificate);
        return byCertificate != 0 ? (byCertificate, MatchKind.Certificate)
            : (context.Children.ByParent(birth.MotherKey, birth.BirthDay, birth.Sex, birth.Name), MatchKind.Parent);
    }

    /// <summary>Whether an enrolment (by ID or certificate) starts within the grace; late ones go to the evidence.</summary>
    private static (bool OnTime, bool ByCertificate) Check(RuleContext context, long key, in BirthRow birth, ref KeyCursor<EnrolmentRow> cursor, List<GapEvidence>? evidence)
    {
        var enrolments = context.Registries.Enrolments;
        var deadline = birth.BirthDay + context.Options.NewbornGraceDays;
        bool onTime = false, byCertificate = false;
        if (key != 0)
        {
            var range = cursor.Seek(key);
            for (var e = range.Start; e < range.End; e++) onTime |= Late(context, enrolments.Rows[e], deadline, evidence);
        }
        if (birth.Certificate != 0 && context.Registries.EnrolmentsByCertificate.TryGetValue(birth.Certificate, out var rows))
            foreach (var e in rows)
            {
                if (enrolments.Keys[e] != 0 && enrolments.Keys[e] == key) continue;
                byCertificate = true;
                onTime |= Late(context, enrolments.Rows[e], deadline, evidence);
            }
        return (onTime, byCertificate);
    }

    private static bool Late(RuleContext context, in EnrolmentRow row, int deadline, List<GapEvidence>? evidence)
    {
        if (row.StartDay <= deadline) return true;
        evidence?.Add(context.Evidence(row.Origin, row.StartDay, $"enrolment {row.Scheme} starts after the grace"));
        return false;
    }
}
