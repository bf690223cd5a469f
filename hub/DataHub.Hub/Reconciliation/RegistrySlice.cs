using DataHub.Hub.ScaleOut;
using DataHub.Schemas.Topics;

namespace DataHub.Hub.Reconciliation;

/// <summary>Which rows of a topic every instance loads, whatever its partitions.</summary>
public enum SharedRows
{
    /// <summary>Only the rows that name no person (person partition below 0).</summary>
    WithoutPerson,
    /// <summary>Every row (births: the index of children by certificate and by parent).</summary>
    All,
    /// <summary>The rows without a person, and those whose payload carries a birth certificate number (enrolments of a newborn).</summary>
    WithBirthCertificate,
}

/// <summary>
/// Which stored registry rows an instance loads to reconcile its partitions. Every rule joins one person's
/// rows (all in that person's partition), except the lookups that find a child a record names without an ID:
/// births by certificate and by parent, and enrolments by certificate. Those cross partitions (a newborn
/// enrolled on the certificate, a pupil listed under the guardian), so every instance also loads those rows
/// from every partition — all births, enrolments carrying a certificate, rows without a person — and keeps
/// only the gaps whose person it owns (<see cref="ReconcileScope.OwnsCasePerson"/>). The extra rows give
/// other partitions' people incomplete facts, but their gaps belong to another instance and are dropped.
/// A share is: rows whose person partition the scope holds, plus the topic's <see cref="SharedRows"/>.
/// </summary>
public static class RegistrySlice
{
    /// <summary>The payload field that makes an enrolment row shared (<see cref="SharedRows.WithBirthCertificate"/>).</summary>
    public const string BirthCertificateField = "birthCertificateNo";

    public static SharedRows SharedRowsOf(string topic) => topic switch
    {
        TopicCatalog.Births => SharedRows.All,
        TopicCatalog.Enrolments => SharedRows.WithBirthCertificate,
        _ => SharedRows.WithoutPerson,
    };

    /// <summary>A SQLite condition on registry_record for <paramref name="topic"/>, or null to load every row.</summary>
    public static string? SqliteCondition(string topic, ReconcileScope scope)
    {
        if (scope.IsWhole) return null;
        var owned = scope.Partitions.Count == 0 ? "" : $"person_partition IN ({string.Join(",", scope.Partitions.Order())}) OR ";
        return $"({owned}person_partition < 0 OR {SqliteSharedRows(topic)})";
    }

    private static string SqliteSharedRows(string topic) => SharedRowsOf(topic) switch
    {
        SharedRows.All => "1",
        SharedRows.WithBirthCertificate => $"COALESCE(json_extract(payload, '$.{BirthCertificateField}'), '') <> ''",
        _ => "0",
    };
}
