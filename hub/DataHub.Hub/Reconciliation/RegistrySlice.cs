using DataHub.Hub.ScaleOut;
using DataHub.Schemas.Topics;

namespace DataHub.Hub.Reconciliation;

/// <summary>
/// Which stored registry rows an instance loads to reconcile its partitions. Every rule joins one person's
/// rows (all in that person's partition), except the lookups that find a child a record names without an ID:
/// births by certificate and by parent, and enrolments by certificate. Those cross partitions (a newborn
/// enrolled on the certificate, a pupil listed under the guardian), so every instance also loads those rows
/// from every partition — all births, enrolments carrying a certificate, rows without a person — and keeps
/// only the gaps whose person it owns (<see cref="ReconcileScope.OwnsCasePerson"/>). The extra rows give
/// other partitions' people incomplete facts, but their gaps belong to another instance and are dropped.
/// </summary>
public static class RegistrySlice
{
    /// <summary>A SQL condition on registry_record for <paramref name="topic"/>, or null to load every row.</summary>
    public static string? Condition(string topic, ReconcileScope scope)
    {
        if (scope.IsWhole) return null;
        var owned = scope.Partitions.Count == 0 ? "" : $"person_partition IN ({string.Join(",", scope.Partitions.Order())}) OR ";
        return $"({owned}person_partition < 0 OR {CrossPartitionRows(topic)})";
    }

    private static string CrossPartitionRows(string topic) => topic switch
    {
        TopicCatalog.Births => "1", // the index of children by certificate and by parent
        TopicCatalog.Enrolments => "COALESCE(json_extract(payload, '$.birthCertificateNo'), '') <> ''",
        _ => "0",
    };
}
