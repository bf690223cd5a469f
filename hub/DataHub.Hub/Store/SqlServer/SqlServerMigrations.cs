namespace DataHub.Hub.Store.SqlServer;

/// <summary>One numbered schema change of the SQL Server store.</summary>
public sealed record SqlServerMigration(int Number, string Name, string Script);

/// <summary>
/// The SQL Server store's schema as numbered T-SQL scripts, applied in order by
/// <see cref="SqlServerDatabase.MigrateAsync"/> and recorded in dbo.datahub_schema_migrations.
/// Never edit a script that has shipped: add the next number. (No GO separators: each script is one batch.)
/// </summary>
public static partial class SqlServerMigrations
{
    public const string M0001FeedState = """
        CREATE TABLE dbo.feed_checkpoint (
            feed nvarchar(200) NOT NULL, source_hash varchar(64) NOT NULL, cluster nvarchar(300) NOT NULL,
            source_name nvarchar(400) NOT NULL, last_line bigint NOT NULL, completed bit NOT NULL,
            updated_at datetimeoffset(7) NOT NULL,
            CONSTRAINT pk_feed_checkpoint PRIMARY KEY (feed, source_hash, cluster));
        CREATE TABLE dbo.feed_run (
            id bigint IDENTITY(1,1) NOT NULL CONSTRAINT pk_feed_run PRIMARY KEY,
            feed nvarchar(200) NOT NULL, [trigger] nvarchar(200) NOT NULL,
            started_at datetimeoffset(7) NOT NULL, finished_at datetimeoffset(7) NULL, status nvarchar(20) NOT NULL,
            [read] bigint NOT NULL CONSTRAINT df_feed_run_read DEFAULT 0,
            published bigint NOT NULL CONSTRAINT df_feed_run_published DEFAULT 0,
            rejected bigint NOT NULL CONSTRAINT df_feed_run_rejected DEFAULT 0,
            skipped bigint NOT NULL CONSTRAINT df_feed_run_skipped DEFAULT 0,
            error nvarchar(max) NULL);
        CREATE INDEX ix_feed_run_feed ON dbo.feed_run (feed, id DESC);
        CREATE TABLE dbo.dead_letter (
            id bigint IDENTITY(1,1) NOT NULL CONSTRAINT pk_dead_letter PRIMARY KEY,
            feed nvarchar(200) NOT NULL, source_hash varchar(64) NOT NULL, source nvarchar(400) NOT NULL,
            line bigint NOT NULL, field nvarchar(200) NULL, value nvarchar(max) NULL, reason nvarchar(max) NOT NULL,
            target_topic nvarchar(249) NULL, rejected_at datetimeoffset(7) NOT NULL, run_id bigint NULL,
            replayed_at datetimeoffset(7) NULL,
            CONSTRAINT uq_dead_letter_line UNIQUE (feed, source_hash, line));
        """;

    public const string M0002SchemaRegistry = """
        CREATE TABLE dbo.registry_schemas (
            id int IDENTITY(1,1) NOT NULL CONSTRAINT pk_registry_schemas PRIMARY KEY,
            canonical_sha256 binary(32) NOT NULL CONSTRAINT uq_registry_schemas_canonical UNIQUE,
            canonical nvarchar(max) NOT NULL, schema_text nvarchar(max) NOT NULL,
            created_utc datetime2(3) NOT NULL CONSTRAINT df_registry_schemas_created DEFAULT SYSUTCDATETIME());
        CREATE TABLE dbo.registry_subject_versions (
            subject nvarchar(400) NOT NULL, version int NOT NULL,
            schema_id int NOT NULL CONSTRAINT fk_registry_subject_versions_schema REFERENCES dbo.registry_schemas (id),
            deleted bit NOT NULL CONSTRAINT df_registry_subject_versions_deleted DEFAULT 0,
            created_utc datetime2(3) NOT NULL CONSTRAINT df_registry_subject_versions_created DEFAULT SYSUTCDATETIME(),
            CONSTRAINT pk_registry_subject_versions PRIMARY KEY (subject, version));
        CREATE INDEX ix_registry_subject_versions_schema ON dbo.registry_subject_versions (schema_id);
        CREATE TABLE dbo.registry_config (
            subject nvarchar(400) NOT NULL CONSTRAINT pk_registry_config PRIMARY KEY,
            compatibility nvarchar(40) NOT NULL);
        """;

    /// <summary>Creates the history table when missing (first statement of every migration pass, under the lock).</summary>
    public const string EnsureHistoryTable = """
        IF OBJECT_ID(N'dbo.datahub_schema_migrations', N'U') IS NULL
            CREATE TABLE dbo.datahub_schema_migrations (
                number int NOT NULL CONSTRAINT pk_datahub_schema_migrations PRIMARY KEY,
                name nvarchar(200) NOT NULL,
                applied_at datetimeoffset(7) NOT NULL);
        """;

    /// <summary>Serialises instances starting at once: the lock lives as long as the migration transaction.</summary>
    public const string AcquireLock = """
        DECLARE @result int;
        EXEC @result = sp_getapplock @Resource = N'datahub_schema_migrations', @LockMode = N'Exclusive',
            @LockOwner = N'Transaction', @LockTimeout = @timeoutMs;
        SELECT @result;
        """;

    public const string AppliedNumbers = "SELECT number FROM dbo.datahub_schema_migrations ORDER BY number;";

    /// <summary>Checkpoints keep, per partition, where a resumed file's rescan starts (exactly once across a crash).</summary>
    public const string M0003CheckpointResumeOffsets = """
        ALTER TABLE dbo.feed_checkpoint ADD resume_from nvarchar(max) NULL;
        """;

    public const string RecordApplied = """
        INSERT INTO dbo.datahub_schema_migrations (number, name, applied_at) VALUES (@number, @name, SYSDATETIMEOFFSET());
        """;

    /// <summary>Every migration, in the order it is applied.</summary>
    public static IReadOnlyList<SqlServerMigration> All { get; } =
    [
        new(1, "feed state: checkpoints, runs, dead letters", M0001FeedState),
        new(2, "schema registry: schemas, subject versions, compatibility", M0002SchemaRegistry),
        new(3, "checkpoint resume offsets", M0003CheckpointResumeOffsets),
        new(20, "gap cases: cases, history, event outbox", M0020GapCases),
        new(21, "officers' web app: users, audit log, assignments, trend", M0021OfficerWeb),
    ];
}
