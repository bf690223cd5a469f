using DataHub.Schemas.Codes;

namespace DataHub.Schemas.Topics;

/// <summary>
/// Every topic the hub writes, named <c>mi.&lt;domain&gt;.&lt;entity&gt;.v&lt;major&gt;</c>. The embedded
/// cluster is created from this list, `datahub topics` prints it, and docs/topics.md and docs/topics.json
/// are generated from it (<see cref="TopicCatalogDocs"/>). Every schema under schemas/avro has a topic
/// (a test checks it). Person-keyed topics have 6 partitions, the rest 3; a null retention means kept forever.
/// </summary>
public static partial class TopicCatalog
{
    public const string DeadLetters = "mi.deadletter.v1";
    public const string Births = "mi.household.birth.v1";
    public const string Deaths = "mi.household.death.v1";
    public const string Moves = "mi.household.move.v1";
    public const string AssistanceMemberships = "mi.assistance.membership.v1";
    public const string TaxContributions = "mi.tax.contribution.v1";
    public const string TaxEmployers = "mi.tax.employer.v1";
    public const string JobEvents = "mi.employment.job-event.v1";
    public const string StudentEnrolments = "mi.education.student-enrolment.v1";
    public const string BirthCertificates = "mi.health.birth-certificate.v1";
    public const string DeathCertificates = "mi.health.death-certificate.v1";
    public const string Enrolments = "mi.enrolment.enrolment.v1";
    public const string Transfers = "mi.enrolment.transfer.v1";
    public const string GapEvents = "mi.reconciliation.gap-event.v1";
    public const string InvoicesIssued = "mi.invoice.issued.v1";
    public const string InvoicesVoided = "mi.invoice.voided.v1";
    public const string FeedWork = "mi.hub.feed-work.v1";

    private const int PersonPartitions = 6;
    private const int OtherPartitions = 3;
    private const string ResidentKey = "resident ID (18 characters)";
    private static readonly TimeSpan Week = TimeSpan.FromDays(7);
    private static readonly string[] PersonConsumers = ["registry materialiser", "reconciliation"];

    private static readonly Lazy<IReadOnlyList<TopicDefinition>> Topics = new(() => [.. EventTopics(), .. CodeTopics()]);

    public static IReadOnlyList<TopicDefinition> All => Topics.Value;

    public static TopicDefinition Get(string name) =>
        All.FirstOrDefault(t => t.Name == name)
        ?? throw new KeyNotFoundException($"topic '{name}' is not in the catalog (known: {string.Join(", ", All.Select(t => t.Name))})");

    private static IEnumerable<TopicDefinition> EventTopics() =>
    [
        new(Births, "household/birth-registration", ResidentKey, PersonPartitions, false, null,
            "feed public-security.births", PersonConsumers,
            "出生登记 Births registered by public security."),
        new(Deaths, "household/death-registration", ResidentKey, PersonPartitions, false, null,
            "feed public-security.deaths", PersonConsumers,
            "死亡登记与户籍注销 Deaths and cancelled household registrations, from public security."),
        new(Moves, "household/move", ResidentKey, PersonPartitions, false, null,
            "feed public-security.moves", PersonConsumers,
            "户口迁入迁出 Household registration moved into or out of an area."),
        new(AssistanceMemberships, "assistance/membership", ResidentKey, PersonPartitions, false, null,
            "feed civil-affairs.assistance", PersonConsumers,
            "资助参保人群 Membership of groups whose enrolment is subsidised (civil affairs, rural revitalisation, disabled persons' federation)."),
        new(TaxContributions, "tax/contribution", ResidentKey, PersonPartitions, false, null,
            "feed tax.contributions", PersonConsumers,
            "医保缴费 Contributions collected by the tax bureau."),
        new(TaxEmployers, "tax/employer", "unified social credit code (18 characters)", OtherPartitions, true, null,
            "feed tax.employers", ["registry materialiser", "feed validation"],
            "缴费单位登记 Employers registered for contributions; compacted: the latest registration per employer."),
        new(JobEvents, "employment/job-event", ResidentKey, PersonPartitions, false, null,
            "feed human-resources.jobs", PersonConsumers,
            "就业登记 Job starts and ends from human resources and social security."),
        new(StudentEnrolments, "education/student-enrolment", "student's resident ID (18 characters; empty for a pupil listed without one, matched by guardian)", PersonPartitions, false, null,
            "feed education.students", PersonConsumers,
            "在校学生名册 Students on school rosters from the education department."),
        new(BirthCertificates, "health/birth-certificate", "mother's resident ID (18 characters)", PersonPartitions, false, null,
            "feed health.birth-certificates (FHIR)", PersonConsumers,
            "出生医学证明 Birth certificates from health, converted from FHIR R4; keyed by the mother until the child has an ID."),
        new(DeathCertificates, "health/death-certificate", ResidentKey, PersonPartitions, false, null,
            "feed health.death-certificates (FHIR)", PersonConsumers,
            "死亡医学证明 Medical certificates of death from health, converted from FHIR R4."),
        new(Enrolments, "enrolment/enrolment", ResidentKey, PersonPartitions, false, null,
            "feed medical-insurance.enrolments", PersonConsumers,
            "参保登记 Enrolments and their changes, from the enrolment registry."),
        new(Transfers, "enrolment/transfer", ResidentKey, PersonPartitions, false, null,
            "feed medical-insurance.transfers", PersonConsumers,
            "转移接续 Transfers of medical-insurance relations between pooling areas."),
        new(GapEvents, "reconciliation/gap-event", "case ID", OtherPartitions, false, null,
            "reconciliation engine", ["case workers' console", "reports"],
            "参保缺口事件 Coverage gap cases (missed, lapsed, deceased-enrolled, duplicate) and e-invoice signals (fund paid while not enrolled or after death), and their changes."),
        new(InvoicesIssued, "invoice/invoice-issued", "invoice code + number (18 digits)", OtherPartitions, false, null,
            "datahub invoices run (finance.invoices)", ["settlement", "finance and tax", "fraud screening", "DataHub.SampleConsumer"],
            "医疗收费电子票据开具 Medical-fee e-invoices issued."),
        new(InvoicesVoided, "invoice/invoice-voided", "original invoice code + number (18 digits)", OtherPartitions, false, null,
            "datahub invoices run (finance.invoices)", ["settlement", "finance and tax", "fraud screening", "DataHub.SampleConsumer"],
            "医疗收费电子票据红冲 Red-letter e-invoices voiding earlier ones, keyed by the invoice they void."),
        new(FeedWork, "hub/feed-work", "feed name", PersonPartitions, false, Week,
            "datahub serve (feed-run API, feed schedules)", ["datahub serve instances (consumer group ScaleOut:Group)"],
            "数据源运行任务 Requests to run a feed; the instance holding the feed's partition runs it, another takes over when it dies."),
        new(DeadLetters, "common/dead-letter", "feed name", OtherPartitions, false, Week,
            "every feed", ["datahub deadletters", "data engineers"],
            "死信 Records a feed rejected, with source, line, field and reason."),
    ];

    /// <summary>One compacted topic per coding standard, keyed by code: the latest row per code is the table.</summary>
    private static IEnumerable<TopicDefinition> CodeTopics() => CodingStandards.All.Select(s => new TopicDefinition(
        s.Topic, s.Schema, $"{s.CodeField} ({s.MinLength}{(s.MaxLength != s.MinLength ? $"-{s.MaxLength}" : "")} characters)",
        OtherPartitions, true, null,
        s.Kind == CodingStandardKind.CodeTable ? $"datahub codes load {s.Key}" : "feed medical-insurance.settlement-lists",
        s.Kind == CodingStandardKind.CodeTable ? ["feed validation (code: rules)", "registry materialiser"] : ["settlement checks", "reports"],
        $"{s.Label} {s.NameEn}."));
}
