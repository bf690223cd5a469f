namespace DataHub.Hub.Store.SqlServer;

/// <summary>Every T-SQL statement of <see cref="SqlServerSchemaRegistryStore"/> (parameterised; tests parse each one).</summary>
public static class RegistrySql
{
    /// <summary>Adds the schema unless its canonical form is known, then returns its id (one id per canonical form).</summary>
    public const string GetOrAddSchema = """
        INSERT INTO dbo.registry_schemas (canonical_sha256, canonical, schema_text)
        SELECT @hash, @canonical, @text
        WHERE NOT EXISTS (SELECT 1 FROM dbo.registry_schemas WITH (UPDLOCK, HOLDLOCK) WHERE canonical_sha256 = @hash);
        SELECT id FROM dbo.registry_schemas WHERE canonical_sha256 = @hash;
        """;

    public const string GetSchemaText = "SELECT schema_text FROM dbo.registry_schemas WHERE id = @id;";

    public const string GetVersions = """
        SELECT subject, version, schema_id, deleted FROM dbo.registry_subject_versions
        WHERE subject = @subject AND (@includeDeleted = 1 OR deleted = 0) ORDER BY version;
        """;

    public const string GetVersionsOfSchema = """
        SELECT subject, version, schema_id, deleted FROM dbo.registry_subject_versions
        WHERE schema_id = @id AND (@includeDeleted = 1 OR deleted = 0) ORDER BY subject, version;
        """;

    public const string GetSubjects = """
        SELECT DISTINCT subject FROM dbo.registry_subject_versions
        WHERE @includeDeleted = 1 OR deleted = 0 ORDER BY subject;
        """;

    /// <summary>Next version number under a range lock on the subject, so concurrent registrations get distinct versions.</summary>
    public const string AddVersion = """
        DECLARE @next int = (SELECT COALESCE(MAX(version), 0) + 1 FROM dbo.registry_subject_versions WITH (UPDLOCK, HOLDLOCK)
                             WHERE subject = @subject);
        INSERT INTO dbo.registry_subject_versions (subject, version, schema_id) VALUES (@subject, @next, @id);
        SELECT @next;
        """;

    public const string SoftDeleteSubject = """
        UPDATE dbo.registry_subject_versions SET deleted = 1
        OUTPUT INSERTED.version WHERE subject = @subject AND deleted = 0;
        """;

    public const string PurgeSubject = """
        DELETE FROM dbo.registry_subject_versions
        OUTPUT DELETED.version WHERE subject = @subject AND deleted = 1;
        """;

    public const string GetCompatibility = "SELECT compatibility FROM dbo.registry_config WHERE subject = @subject;";

    public const string ClearCompatibility = "DELETE FROM dbo.registry_config WHERE subject = @subject;";

    public const string SetCompatibility = """
        UPDATE dbo.registry_config WITH (UPDLOCK, SERIALIZABLE) SET compatibility = @level WHERE subject = @subject;
        IF @@ROWCOUNT = 0
            INSERT INTO dbo.registry_config (subject, compatibility) VALUES (@subject, @level);
        """;
}
