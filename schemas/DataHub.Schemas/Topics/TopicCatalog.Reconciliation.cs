namespace DataHub.Schemas.Topics;

/// <summary>The registry topics the reconciliation engine reads, and the gap events it writes.</summary>
public static partial class TopicCatalog
{
    public const string Deaths = "mi.household.death.v1";
    public const string Moves = "mi.household.move.v1";
    public const string AssistedMemberships = "mi.assistance.membership.v1";
    public const string Contributions = "mi.tax.contribution.v1";
    public const string Employers = "mi.tax.employer.v1";
    public const string JobEvents = "mi.employment.job-event.v1";
    public const string Students = "mi.education.student.v1";
    public const string Enrolments = "mi.enrolment.enrolment.v1";
    public const string Transfers = "mi.enrolment.transfer.v1";
    public const string GapEvents = "mi.reconciliation.gap-event.v1";

    private const string ByPerson = "resident ID (18 characters)";
    // Properties, not fields: All (in the other part) is initialised first and reads these.
    private static string[] ToReconciliation => ["registry materialiser", "reconciliation"];

    private static TopicDefinition[] ReconciliationTopics =>
    [
        new(Deaths, "household/death-registration", ByPerson, 6, false, null, "feed public-security.deaths", ToReconciliation,
            "死亡登记与户籍注销 Deaths and cancelled household registrations from public security."),
        new(Moves, "household/move", ByPerson, 6, false, null, "feed public-security.moves", ToReconciliation,
            "户口迁入迁出 Household registration moves from public security."),
        new(AssistedMemberships, "assistance/membership", ByPerson, 6, false, null,
            "feeds civil-affairs.assisted-groups, rural-revitalisation.monitored-households, disabled-federation.severe-disability", ToReconciliation,
            "资助参保人群 Members of assisted groups, from civil affairs, rural revitalisation and the disabled persons' federation."),
        new(Contributions, "tax/contribution", ByPerson, 6, false, null, "feed tax.contributions", ToReconciliation,
            "医保缴费 Contributions collected by the tax bureau."),
        new(Employers, "tax/employer", "unified social credit code", 3, false, null, "feed tax.employers", ["registry materialiser"],
            "缴费单位登记 Employers registered with the tax bureau."),
        new(JobEvents, "employment/job-event", ByPerson, 6, false, null, "feed hr-social-security.job-events", ToReconciliation,
            "就业登记 Job starts and ends from human resources and social security."),
        new(Students, "education/student-enrolment", "student resident ID (none for the youngest)", 6, false, null, "feed education.student-rosters", ToReconciliation,
            "在校学生名册 Student rosters from education."),
        new(Enrolments, "enrolment/enrolment", "resident ID (none for newborns enrolled on a birth certificate)", 6, false, null, "feed medical-insurance.enrolments", ToReconciliation,
            "参保登记 The enrolment registry."),
        new(Transfers, "enrolment/transfer", ByPerson, 6, false, null, "feed medical-insurance.transfers", ToReconciliation,
            "转移接续 Transfers between pooling areas."),
        new(GapEvents, "reconciliation/gap-event", "gap case ID", 6, false, null, "datahub reconcile", ["officer UI", "exports"],
            "参保缺口事件 Gap cases opened, changed and closed by the reconciliation engine."),
    ];
}
