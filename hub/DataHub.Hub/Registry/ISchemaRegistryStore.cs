namespace DataHub.Hub.Registry;

/// <summary>One version of a subject: which global schema id it holds, and whether it was soft-deleted.</summary>
public sealed record SubjectVersion(string Subject, int Version, int SchemaId, bool Deleted);

/// <summary>
/// Persistence of the embedded schema registry. Schemas get global ids keyed by their canonical
/// form (the same schema under any subject has one id, as in Confluent Schema Registry); subjects
/// get versions 1..n. It stores; <see cref="SchemaRegistryService"/> decides.
/// </summary>
public interface ISchemaRegistryStore
{
    /// <summary>The id of the schema with this canonical form, adding it (with its text as given) when new.</summary>
    int GetOrAddSchema(string canonical, string text);

    /// <summary>The schema text registered under <paramref name="id"/>, or null.</summary>
    string? GetSchemaText(int id);

    /// <summary>The subject's versions, oldest first.</summary>
    IReadOnlyList<SubjectVersion> GetVersions(string subject, bool includeDeleted);

    /// <summary>Every subject version that holds schema <paramref name="schemaId"/>.</summary>
    IReadOnlyList<SubjectVersion> GetVersionsOfSchema(int schemaId, bool includeDeleted);

    /// <summary>Subjects with at least one version (not soft-deleted unless asked), in name order.</summary>
    IReadOnlyList<string> GetSubjects(bool includeDeleted);

    /// <summary>Adds the next version of <paramref name="subject"/> holding <paramref name="schemaId"/>.</summary>
    SubjectVersion AddVersion(string subject, int schemaId);

    /// <summary>Soft-deletes the live versions (or, when permanent, removes soft-deleted ones); returns the version numbers affected.</summary>
    IReadOnlyList<int> DeleteSubject(string subject, bool permanent);

    /// <summary>The compatibility level set for a subject, or the global one when <paramref name="subject"/> is null; null when unset.</summary>
    string? GetCompatibility(string? subject);

    /// <summary>Sets (or with null clears) the compatibility level of a subject, or the global one when <paramref name="subject"/> is null.</summary>
    void SetCompatibility(string? subject, string? level);
}
