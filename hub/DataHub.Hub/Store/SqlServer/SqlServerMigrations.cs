namespace DataHub.Hub.Store.SqlServer;

/// <summary>One numbered schema change of the SQL Server store.</summary>
public sealed record SqlServerMigration(int Number, string Name, string Script);

/// <summary>
/// The SQL Server store's schema as numbered T-SQL scripts, applied in order by
/// <see cref="SqlServerDatabase.MigrateAsync"/> and recorded in dbo.datahub_schema_migrations.
/// Never edit a script that has shipped: add a new number. Numbers need not be contiguous (10–19 and 20–29 are blocks
/// of their own); one missing from a database is applied whatever its place. (No GO separators: each script is one batch.)
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

    /// <summary>
    /// The materialised registries. Key text is compared byte by byte (BIN2), as SQLite does. Rows are clustered by
    /// (topic, person_partition, identity), so an instance loading its share reads its partitions' ranges; the primary
    /// key (topic, identity) finds the row a later record replaces. The table types carry a batch in one parameter.
    /// </summary>
    public const string M0010MaterialisedRegistries = """
        CREATE TABLE dbo.registry_record (
            topic nvarchar(200) COLLATE Latin1_General_100_BIN2 NOT NULL,
            [identity] nvarchar(200) COLLATE Latin1_General_100_BIN2 NOT NULL,
            resident_id nvarchar(64) NULL, payload nvarchar(max) NOT NULL,
            feed nvarchar(200) NULL, source nvarchar(400) NULL, line bigint NOT NULL,
            [partition] int NOT NULL, [offset] bigint NOT NULL, updated_at datetimeoffset(7) NOT NULL, person_partition int NOT NULL,
            CONSTRAINT pk_registry_record PRIMARY KEY NONCLUSTERED (topic, [identity]));
        CREATE UNIQUE CLUSTERED INDEX cx_registry_record_share ON dbo.registry_record (topic, person_partition, [identity]);
        CREATE TABLE dbo.registry_offset (
            topic nvarchar(200) COLLATE Latin1_General_100_BIN2 NOT NULL, [partition] int NOT NULL,
            next_offset bigint NOT NULL, updated_at datetimeoffset(7) NOT NULL,
            CONSTRAINT pk_registry_offset PRIMARY KEY (topic, [partition]));
        CREATE TABLE dbo.registry_loss (
            id bigint IDENTITY(1,1) NOT NULL CONSTRAINT pk_registry_loss PRIMARY KEY,
            topic nvarchar(200) COLLATE Latin1_General_100_BIN2 NOT NULL, [partition] int NOT NULL,
            from_offset bigint NOT NULL, to_offset bigint NOT NULL, detected_at datetimeoffset(7) NOT NULL,
            reported_in_run nvarchar(100) NULL,
            CONSTRAINT uq_registry_loss_range UNIQUE (topic, [partition], from_offset, to_offset));
        CREATE INDEX ix_registry_loss_unreported ON dbo.registry_loss (id) WHERE reported_in_run IS NULL;
        CREATE TYPE dbo.registry_record_rows AS TABLE (
            [identity] nvarchar(200) COLLATE Latin1_General_100_BIN2 NOT NULL PRIMARY KEY,
            resident_id nvarchar(64) NULL, payload nvarchar(max) NOT NULL, feed nvarchar(200) NULL, source nvarchar(400) NULL,
            line bigint NOT NULL, [partition] int NOT NULL, [offset] bigint NOT NULL, person_partition int NOT NULL);
        CREATE TYPE dbo.registry_partition_offsets AS TABLE (
            [partition] int NOT NULL PRIMARY KEY, next_offset bigint NOT NULL);
        """;

    /// <summary>The reconciliation run history; seq keeps the order of runs started at the same instant.</summary>
    public const string M0011ReconciliationRuns = """
        CREATE TABLE dbo.reconciliation_run (
            seq bigint IDENTITY(1,1) NOT NULL,
            run_id nvarchar(100) COLLATE Latin1_General_100_BIN2 NOT NULL CONSTRAINT pk_reconciliation_run PRIMARY KEY NONCLUSTERED,
            [trigger] nvarchar(200) NOT NULL, started_at datetimeoffset(7) NOT NULL, finished_at datetimeoffset(7) NULL,
            status nvarchar(40) NOT NULL, as_of date NOT NULL,
            gaps int NULL, opened int NULL, changed int NULL, closed int NULL, events int NULL, problem nvarchar(max) NULL,
            instance nvarchar(300) NULL, scope nvarchar(4000) NULL);
        CREATE UNIQUE CLUSTERED INDEX cx_reconciliation_run_seq ON dbo.reconciliation_run (seq);
        CREATE INDEX ix_reconciliation_run_recent ON dbo.reconciliation_run (started_at DESC, seq DESC);
        """;

    /// <summary>
    /// The accepted-invoice ledger per Kafka cluster: integers for keys and fen, sources in a table of their own. The
    /// filtered index serves the registry cross-checks' fund-claim query (issued, fund-paid, with a payer) by visit day.
    /// </summary>
    public const string M0013RegistryCluster = """
        CREATE TABLE dbo.registry_cluster (
            id int NOT NULL CONSTRAINT pk_registry_cluster PRIMARY KEY CONSTRAINT ck_registry_cluster_one CHECK (id = 1),
            cluster nvarchar(400) NOT NULL, since datetimeoffset(7) NOT NULL);
        """;

    public const string M0012InvoiceLedger = """
        CREATE TABLE dbo.invoice_ledger_cluster (
            cluster_id int IDENTITY(1,1) NOT NULL CONSTRAINT pk_invoice_ledger_cluster PRIMARY KEY,
            cluster nvarchar(300) COLLATE Latin1_General_100_BIN2 NOT NULL CONSTRAINT uq_invoice_ledger_cluster UNIQUE);
        CREATE TABLE dbo.invoice_ledger_source (
            source_id bigint IDENTITY(1,1) NOT NULL CONSTRAINT pk_invoice_ledger_source PRIMARY KEY,
            cluster_id int NOT NULL CONSTRAINT fk_invoice_ledger_source_cluster REFERENCES dbo.invoice_ledger_cluster (cluster_id),
            source_hash varchar(64) COLLATE Latin1_General_100_BIN2 NOT NULL, source nvarchar(400) NOT NULL,
            CONSTRAINT uq_invoice_ledger_source UNIQUE (cluster_id, source_hash));
        CREATE TABLE dbo.accepted_invoice (
            cluster_id int NOT NULL, invoice_key bigint NOT NULL, kind tinyint NOT NULL,
            total_fen bigint NOT NULL, fund_fen bigint NOT NULL, account_fen bigint NOT NULL, personal_fen bigint NOT NULL,
            voided_by bigint NULL, payer_key bigint NULL, visit_day int NOT NULL, institution_code nvarchar(64) NOT NULL,
            source_id bigint NOT NULL, position bigint NOT NULL,
            CONSTRAINT pk_accepted_invoice PRIMARY KEY (cluster_id, invoice_key));
        CREATE INDEX ix_accepted_invoice_fund_claims ON dbo.accepted_invoice (visit_day)
            INCLUDE (invoice_key, payer_key, fund_fen, institution_code, source_id, position, voided_by)
            WHERE kind = 0 AND fund_fen > 0 AND payer_key IS NOT NULL;
        CREATE TYPE dbo.accepted_invoice_rows AS TABLE (
            invoice_key bigint NOT NULL PRIMARY KEY, kind tinyint NOT NULL,
            total_fen bigint NOT NULL, fund_fen bigint NOT NULL, account_fen bigint NOT NULL, personal_fen bigint NOT NULL,
            payer_key bigint NULL, visit_day int NOT NULL, institution_code nvarchar(64) NOT NULL, position bigint NOT NULL,
            original_key bigint NOT NULL);
        CREATE TYPE dbo.invoice_keys AS TABLE (invoice_key bigint NOT NULL PRIMARY KEY);
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
        // 10–19: materialised registries, reconciliation runs, invoice ledger; 20–29: gap cases and the web app's tables.
        new(10, "materialised registries: records, offsets, losses", M0010MaterialisedRegistries),
        new(11, "reconciliation run history", M0011ReconciliationRuns),
        new(12, "invoice ledger: clusters, sources, accepted invoices", M0012InvoiceLedger),
        new(13, "materialised registries: the cluster their offsets were read from", M0013RegistryCluster),
        new(20, "gap cases: cases, history, event outbox", M0020GapCases),
        new(21, "officers' web app: users, audit log, assignments, trend", M0021OfficerWeb),
    ];
}
