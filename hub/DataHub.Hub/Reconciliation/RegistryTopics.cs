using Avro.Generic;
using DataHub.Schemas.Topics;

namespace DataHub.Hub.Reconciliation;

/// <summary>
/// The registry topics the materialiser keeps in the store, and what identifies one record in each: a
/// later record with the same identity replaces the earlier (latest state per person per source).
/// </summary>
public static class RegistryTopics
{
    private static readonly Dictionary<string, string[]> Identity = new()
    {
        [TopicCatalog.Births] = ["residentId"],
        [TopicCatalog.Deaths] = ["residentId"],
        [TopicCatalog.Moves] = ["residentId", "moveDate", "direction"],
        [TopicCatalog.AssistanceMemberships] = ["residentId", "group", "sourceDepartment"],
        [TopicCatalog.TaxContributions] = ["residentId", "period", "scheme", "payerType", "employerCreditCode"],
        [TopicCatalog.TaxEmployers] = ["creditCode"],
        [TopicCatalog.JobEvents] = ["residentId", "event", "employerCreditCode", "eventDate"],
        [TopicCatalog.StudentEnrolments] = ["schoolYear", "schoolCode", "studentId", "name", "birthDate", "guardianId"],
        [TopicCatalog.Enrolments] = ["enrolmentId"],
        [TopicCatalog.Transfers] = ["transferId"],
    };

    public static IReadOnlyCollection<string> All => Identity.Keys;

    /// <summary>The registry topics keyed by a person's resident ID (all but the employers' register).</summary>
    public static IReadOnlyList<string> PersonKeyed { get; } = Identity.Keys.Where(t => t != TopicCatalog.TaxEmployers).ToArray();

    public static bool IsPersonKeyed(string topic) => topic != TopicCatalog.TaxEmployers && Identity.ContainsKey(topic);

    /// <summary>The record's identity within its topic, e.g. "320102…|202608|310|employer|91320102…".</summary>
    public static string IdentityOf(string topic, GenericRecord record) =>
        string.Join('|', Identity[topic].Select(f => record.TryGetValue(f, out var v) ? RecordJson.Text(v) : ""));
}
