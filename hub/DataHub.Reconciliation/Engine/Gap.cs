namespace DataHub.Reconciliation.Engine;

/// <summary>Rule identifiers as the gap-event schema names them (rule, optionally with a sub-rule).</summary>
public static class RuleIds
{
    public const string Newborn = "missed-enrolment/newborn";
    public const string Student = "missed-enrolment/student";
    public const string Assisted = "missed-enrolment/assisted";
    public const string Contributor = "missed-enrolment/contributor";
    public const string JobEnded = "lapsed-enrolment/job-ended";
    public const string NotRenewed = "lapsed-enrolment/not-renewed";
    public const string TransferOverdue = "lapsed-enrolment/transfer-overdue";
    public const string Deceased = "deceased-enrolled";
    public const string Duplicate = "duplicate-enrolment";

    public static IReadOnlyList<string> All { get; } = [Newborn, Student, Assisted, Contributor, JobEnded, NotRenewed, TransferOverdue, Deceased, Duplicate];
}

/// <summary>How the person was identified: by resident ID, or without one.</summary>
public enum MatchKind : byte { ResidentId, Certificate, Parent, Unresolved }

/// <summary>One source record a gap rests on.</summary>
public sealed record GapEvidence(string Feed, string Source, long Line, DateOnly? Date, string Note);

/// <summary>
/// A gap the engine found. Its identity is (person, rule, period): the person is the 18-digit resident ID,
/// or for someone without one a stable stand-in such as <c>BC:A123456789</c> (birth certificate) or
/// <c>G:&lt;guardian&gt;:&lt;birth date&gt;:&lt;sex&gt;:&lt;name&gt;</c>.
/// </summary>
public sealed record Gap(string Person, string Rule, string Period, string Region, string Summary,
    IReadOnlyList<GapEvidence> Evidence, MatchKind MatchedBy)
{
    public string Identity => $"{Person}|{Rule}|{Period}";
}
