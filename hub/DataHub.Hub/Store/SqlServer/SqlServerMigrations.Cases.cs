namespace DataHub.Hub.Store.SqlServer;

/// <summary>
/// The gap cases' and the officers' web app's schema (numbers 20–29). Text columns that are compared, keyed or sorted
/// use the binary collation Latin1_General_100_BIN2 (code point order, case-sensitive), as SQLite's BINARY does, so the
/// case list's keyset order and every equality are the same on both stores; they are nvarchar, as SqlClient sends
/// strings, so a parameter never forces a conversion of the column. Each list sort key has an index led by the region
/// and ending in the case id, carrying the filter columns (see <see cref="CaseListSql"/>).
/// </summary>
public static partial class SqlServerMigrations
{
    public const string M0020GapCases = """
        CREATE TABLE dbo.gap_case (
            id bigint IDENTITY(1,1) NOT NULL CONSTRAINT pk_gap_case PRIMARY KEY CLUSTERED,
            case_id nvarchar(40) COLLATE Latin1_General_100_BIN2 NOT NULL CONSTRAINT uq_gap_case_case_id UNIQUE,
            person nvarchar(200) COLLATE Latin1_General_100_BIN2 NOT NULL,
            [rule] nvarchar(100) COLLATE Latin1_General_100_BIN2 NOT NULL,
            period nvarchar(40) COLLATE Latin1_General_100_BIN2 NOT NULL,
            region nvarchar(12) COLLATE Latin1_General_100_BIN2 NOT NULL,
            status nvarchar(20) COLLATE Latin1_General_100_BIN2 NOT NULL,
            summary nvarchar(max) NOT NULL,
            evidence nvarchar(max) NOT NULL,
            matched_by nvarchar(40) COLLATE Latin1_General_100_BIN2 NOT NULL,
            opened_at datetimeoffset(7) NOT NULL,
            updated_at datetimeoffset(7) NOT NULL,
            closed_at datetimeoffset(7) NULL,
            last_run nvarchar(100) COLLATE Latin1_General_100_BIN2 NULL,
            CONSTRAINT uq_gap_case_identity UNIQUE (person, [rule], period));
        CREATE INDEX ix_gap_case_scope_opened ON dbo.gap_case (region, opened_at, case_id) INCLUDE (status, [rule], matched_by);
        CREATE INDEX ix_gap_case_scope_updated ON dbo.gap_case (region, updated_at, case_id) INCLUDE (status, [rule], matched_by, opened_at);
        CREATE INDEX ix_gap_case_scope_rule ON dbo.gap_case (region, [rule], case_id) INCLUDE (status, matched_by, opened_at);
        CREATE INDEX ix_gap_case_scope_status ON dbo.gap_case (region, status, case_id) INCLUDE ([rule], matched_by, opened_at);
        CREATE INDEX ix_gap_case_scope_id ON dbo.gap_case (region, case_id) INCLUDE (status, [rule], matched_by, opened_at);
        CREATE INDEX ix_gap_case_tally ON dbo.gap_case (region, status, [rule], matched_by, opened_at);
        CREATE TABLE dbo.gap_case_history (
            id bigint IDENTITY(1,1) NOT NULL CONSTRAINT pk_gap_case_history PRIMARY KEY CLUSTERED,
            case_id nvarchar(40) COLLATE Latin1_General_100_BIN2 NOT NULL
                CONSTRAINT fk_gap_case_history_case REFERENCES dbo.gap_case (case_id),
            at datetimeoffset(7) NOT NULL,
            [by] nvarchar(200) NOT NULL,
            from_status nvarchar(20) COLLATE Latin1_General_100_BIN2 NULL,
            to_status nvarchar(20) COLLATE Latin1_General_100_BIN2 NOT NULL,
            kind nvarchar(40) NOT NULL,
            note nvarchar(max) NULL,
            run_id nvarchar(100) COLLATE Latin1_General_100_BIN2 NULL);
        CREATE INDEX ix_gap_case_history_case ON dbo.gap_case_history (case_id, id) INCLUDE (at, to_status);
        CREATE INDEX ix_gap_case_history_run ON dbo.gap_case_history (run_id, at);
        CREATE TABLE dbo.gap_event_outbox (
            seq bigint IDENTITY(1,1) NOT NULL CONSTRAINT pk_gap_event_outbox PRIMARY KEY CLUSTERED,
            case_id nvarchar(40) COLLATE Latin1_General_100_BIN2 NOT NULL,
            event nvarchar(max) NOT NULL,
            published_at datetimeoffset(7) NULL,
            claimed_by nvarchar(200) COLLATE Latin1_General_100_BIN2 NULL,
            claimed_at datetimeoffset(7) NULL);
        CREATE INDEX ix_gap_event_outbox_pending ON dbo.gap_event_outbox (seq) INCLUDE (claimed_by, claimed_at) WHERE published_at IS NULL;
        """;

    public const string M0021OfficerWeb = """
        CREATE TABLE dbo.web_user (
            user_name nvarchar(64) COLLATE Latin1_General_100_BIN2 NOT NULL CONSTRAINT pk_web_user PRIMARY KEY,
            role nvarchar(20) COLLATE Latin1_General_100_BIN2 NOT NULL,
            region nvarchar(12) COLLATE Latin1_General_100_BIN2 NOT NULL,
            password_hash nvarchar(400) COLLATE Latin1_General_100_BIN2 NOT NULL,
            created_at datetimeoffset(7) NOT NULL);
        CREATE TABLE dbo.web_audit (
            id bigint IDENTITY(1,1) NOT NULL CONSTRAINT pk_web_audit PRIMARY KEY CLUSTERED,
            at datetimeoffset(7) NOT NULL,
            user_name nvarchar(64) COLLATE Latin1_General_100_BIN2 NOT NULL,
            role nvarchar(20) COLLATE Latin1_General_100_BIN2 NOT NULL,
            action nvarchar(40) COLLATE Latin1_General_100_BIN2 NOT NULL,
            case_id nvarchar(40) COLLATE Latin1_General_100_BIN2 NULL,
            reason nvarchar(max) NULL,
            detail nvarchar(max) NULL,
            remote nvarchar(64) NULL);
        CREATE INDEX ix_web_audit_at ON dbo.web_audit (at);
        CREATE TABLE dbo.gap_case_assignment (
            case_id nvarchar(40) COLLATE Latin1_General_100_BIN2 NOT NULL CONSTRAINT pk_gap_case_assignment PRIMARY KEY,
            assignee nvarchar(64) COLLATE Latin1_General_100_BIN2 NOT NULL,
            assigned_by nvarchar(64) COLLATE Latin1_General_100_BIN2 NOT NULL,
            at datetimeoffset(7) NOT NULL);
        CREATE TABLE dbo.gap_case_trend_run (
            run_id nvarchar(100) COLLATE Latin1_General_100_BIN2 NOT NULL CONSTRAINT pk_gap_case_trend_run PRIMARY KEY,
            at datetimeoffset(7) NOT NULL);
        CREATE TABLE dbo.gap_case_trend (
            run_id nvarchar(100) COLLATE Latin1_General_100_BIN2 NOT NULL,
            region nvarchar(12) COLLATE Latin1_General_100_BIN2 NOT NULL,
            [rule] nvarchar(100) COLLATE Latin1_General_100_BIN2 NOT NULL,
            active bigint NOT NULL,
            CONSTRAINT pk_gap_case_trend PRIMARY KEY (run_id, region, [rule]));
        """;
}
