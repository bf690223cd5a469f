namespace DataHub.Hub.Store.SqlServer;

/// <summary>
/// Every T-SQL statement of <see cref="SqlServerGapCaseStore"/> (parameterised; tests parse each one). A run's writes go
/// in batches: the rows travel as one JSON array parameter read by OPENJSON, so a run that opens a million cases makes
/// a thousand round trips, not three million. OPENJSON's columns carry the database's default collation, so joins on
/// them name the columns' binary collation.
/// </summary>
public static class GapCaseSql
{
    /// <summary>
    /// Serialises the writers of cases: a run's apply takes it exclusive (as SQLite's single writer), an officer's move
    /// shared (officers' moves of one case are serialised by the row's update lock).
    /// </summary>
    public const string LockWrites = """
        DECLARE @result int;
        EXEC @result = sp_getapplock @Resource = N'datahub_gap_case_writes', @LockMode = @mode,
            @LockOwner = N'Transaction', @LockTimeout = @timeoutMs;
        SELECT @result;
        """;

    public const string AllCases = """
        SELECT g.case_id, g.person, g.[rule], g.period, g.region, g.status, g.summary, g.evidence, g.matched_by, g.opened_at, g.updated_at, g.last_run
        FROM dbo.gap_case AS g ORDER BY g.[rule], g.person, g.period;
        """;

    public const string CasesOfStatus = """
        SELECT g.case_id, g.person, g.[rule], g.period, g.region, g.status, g.summary, g.evidence, g.matched_by, g.opened_at, g.updated_at, g.last_run
        FROM dbo.gap_case AS g WHERE g.status = @status ORDER BY g.[rule], g.person, g.period;
        """;

    /// <summary>One case, update-locked until the transaction ends (an officer's move reads and writes it under this lock).</summary>
    public const string CaseForUpdate = """
        SELECT g.case_id, g.person, g.[rule], g.period, g.region, g.status, g.summary, g.evidence, g.matched_by, g.opened_at, g.updated_at, g.last_run
        FROM dbo.gap_case AS g WITH (UPDLOCK, ROWLOCK) WHERE g.case_id = @id;
        """;

    /// <summary>New cases: @rows is a JSON array of {id, person, rule, period, region, status, summary, evidence, matchedBy}.</summary>
    public const string InsertCases = """
        INSERT INTO dbo.gap_case (case_id, person, [rule], period, region, status, summary, evidence, matched_by, opened_at, updated_at, last_run)
        SELECT j.case_id, j.person, j.case_rule, j.period, j.region, j.status, j.summary, j.evidence, j.matched_by, @now, @now, @run
        FROM OPENJSON(@rows) WITH (
            case_id nvarchar(40) '$.id', person nvarchar(200) '$.person', case_rule nvarchar(100) '$.rule', period nvarchar(40) '$.period',
            region nvarchar(12) '$.region', status nvarchar(20) '$.status', summary nvarchar(max) '$.summary',
            evidence nvarchar(max) '$.evidence', matched_by nvarchar(40) '$.matchedBy') AS j;
        """;

    /// <summary>Cases found again or changed: @rows as for <see cref="InsertCases"/>; identity columns and the opening time stay.</summary>
    public const string UpdateCases = """
        UPDATE g SET g.region = j.region, g.status = j.status, g.summary = j.summary, g.evidence = j.evidence, g.matched_by = j.matched_by,
            g.updated_at = @now, g.closed_at = NULL, g.last_run = @run
        FROM dbo.gap_case AS g
        INNER JOIN OPENJSON(@rows) WITH (
            case_id nvarchar(40) '$.id', region nvarchar(12) '$.region', status nvarchar(20) '$.status', summary nvarchar(max) '$.summary',
            evidence nvarchar(max) '$.evidence', matched_by nvarchar(40) '$.matchedBy') AS j
            ON g.case_id = j.case_id COLLATE Latin1_General_100_BIN2;
        """;

    /// <summary>Active cases whose gap is gone: @ids is a JSON array of case ids.</summary>
    public const string CloseCases = """
        UPDATE g SET g.status = @status, g.updated_at = @now, g.closed_at = @now, g.last_run = @run
        FROM dbo.gap_case AS g
        INNER JOIN OPENJSON(@ids) WITH (case_id nvarchar(40) '$') AS j ON g.case_id = j.case_id COLLATE Latin1_General_100_BIN2;
        """;

    /// <summary>
    /// The history rows and outbox events of a batch of changes, in the array's order (ids and sequence numbers follow it):
    /// @rows is a JSON array of {id, by, from, to, kind, note, run, event}; every change of the batch happened at @at.
    /// </summary>
    public const string RecordChanges = """
        INSERT INTO dbo.gap_case_history (case_id, at, [by], from_status, to_status, kind, note, run_id)
        SELECT j.case_id, @at, j.changed_by, j.from_status, j.to_status, j.kind, j.note, j.run_id
        FROM OPENJSON(@rows) AS a
        CROSS APPLY OPENJSON(a.value) WITH (
            case_id nvarchar(40) '$.id', changed_by nvarchar(200) '$.by', from_status nvarchar(20) '$.from', to_status nvarchar(20) '$.to',
            kind nvarchar(40) '$.kind', note nvarchar(max) '$.note', run_id nvarchar(100) '$.run') AS j
        ORDER BY CAST(a.[key] AS int);
        INSERT INTO dbo.gap_event_outbox (case_id, event)
        SELECT j.case_id, j.event
        FROM OPENJSON(@rows) AS a
        CROSS APPLY OPENJSON(a.value) WITH (case_id nvarchar(40) '$.id', event nvarchar(max) '$.event') AS j
        ORDER BY CAST(a.[key] AS int);
        """;

    public const string SetStatus = """
        UPDATE dbo.gap_case SET status = @status, updated_at = @at, closed_at = @closed WHERE case_id = @id;
        """;

    /// <summary>One officer's change: its history row and its event.</summary>
    public const string RecordChange = """
        INSERT INTO dbo.gap_case_history (case_id, at, [by], from_status, to_status, kind, note, run_id)
        VALUES (@id, @at, @by, @from, @to, @kind, @note, @run);
        INSERT INTO dbo.gap_event_outbox (case_id, event) VALUES (@id, @event);
        """;

    /// <summary>A note: history only, the status on both sides, no event.</summary>
    public const string AddNote = """
        INSERT INTO dbo.gap_case_history (case_id, at, [by], from_status, to_status, kind, note)
        VALUES (@id, @at, @by, @status, @status, @kind, @note);
        """;

    public const string History = """
        SELECT h.case_id, h.at, h.[by], h.from_status, h.to_status, h.kind, h.note, h.run_id
        FROM dbo.gap_case_history AS h WHERE h.case_id = @id ORDER BY h.id;
        """;

    public const string PendingEvents = """
        SELECT o.seq, o.event FROM dbo.gap_event_outbox AS o WHERE o.published_at IS NULL ORDER BY o.seq;
        """;

    /// <summary>
    /// The unclaimed (or stale-claimed) unpublished rows, update-locked until the claim commits: a second claimant waits
    /// and then sees them claimed, as SQLite's single writer would have it.
    /// </summary>
    public const string ClaimablePendingEvents = """
        SELECT o.seq, o.event FROM dbo.gap_event_outbox AS o WITH (UPDLOCK, ROWLOCK)
        WHERE o.published_at IS NULL AND (o.claimed_by IS NULL OR o.claimed_at < @stale)
        ORDER BY o.seq;
        """;

    /// <summary>@seqs is a JSON array of outbox sequence numbers.</summary>
    public const string ClaimEvents = """
        UPDATE o SET o.claimed_by = @claimant, o.claimed_at = @at
        FROM dbo.gap_event_outbox AS o INNER JOIN OPENJSON(@seqs) WITH (seq bigint '$') AS j ON o.seq = j.seq;
        """;

    public const string ReleaseClaims = """
        UPDATE dbo.gap_event_outbox SET claimed_by = NULL, claimed_at = NULL
        WHERE claimed_by = @claimant AND published_at IS NULL;
        """;

    /// <summary>@seqs is a JSON array of outbox sequence numbers.</summary>
    public const string MarkPublished = """
        UPDATE o SET o.published_at = @at
        FROM dbo.gap_event_outbox AS o INNER JOIN OPENJSON(@seqs) WITH (seq bigint '$') AS j ON o.seq = j.seq;
        """;
}
