namespace DataHub.Hub.Store.SqlServer;

/// <summary>Every T-SQL statement of <see cref="SqlServerFeedStateStore"/> (parameterised; tests parse each one).</summary>
public static class FeedStateSql
{
    public const string GetCheckpoint = """
        SELECT source_name, last_line, completed, updated_at, resume_from FROM dbo.feed_checkpoint
        WHERE feed = @feed AND source_hash = @hash AND cluster = @cluster;
        """;

    public const string Checkpoints = """
        SELECT source_hash, source_name, cluster, last_line, completed, updated_at FROM dbo.feed_checkpoint
        WHERE feed = @feed AND (@cluster IS NULL OR cluster = @cluster) ORDER BY updated_at DESC, source_name;
        """;

    public const string DeleteCheckpoints = """
        DELETE FROM dbo.feed_checkpoint WHERE feed = @feed AND cluster = @cluster AND (@name IS NULL OR source_name = @name);
        """;

    /// <summary>Update-else-insert under a range lock, so two writers of one checkpoint cannot both insert.</summary>
    public const string SaveCheckpoint = """
        UPDATE dbo.feed_checkpoint WITH (UPDLOCK, SERIALIZABLE)
        SET source_name = @name, last_line = @line, completed = @completed, updated_at = @updated, resume_from = @resume
        WHERE feed = @feed AND source_hash = @hash AND cluster = @cluster;
        IF @@ROWCOUNT = 0
            INSERT INTO dbo.feed_checkpoint (feed, source_hash, cluster, source_name, last_line, completed, updated_at, resume_from)
            VALUES (@feed, @hash, @cluster, @name, @line, @completed, @updated, @resume);
        """;

    public const string StartRun = """
        INSERT INTO dbo.feed_run (feed, [trigger], started_at, status) OUTPUT INSERTED.id
        VALUES (@feed, @trigger, @started, N'running');
        """;

    public const string FinishRun = """
        UPDATE dbo.feed_run SET finished_at = @finished, status = @status, [read] = @read, published = @published,
            rejected = @rejected, skipped = @skipped, error = @error
        WHERE id = @id;
        """;

    public const string RecentRuns = """
        SELECT TOP (@limit) id, feed, [trigger], started_at, finished_at, status, [read], published, rejected, skipped, error
        FROM dbo.feed_run WHERE @feed IS NULL OR feed = @feed ORDER BY id DESC;
        """;

    /// <summary>Keeps the first dead letter of a (feed, source, line); a later one is ignored, as in SQLite's INSERT OR IGNORE.</summary>
    public const string AddDeadLetter = """
        INSERT INTO dbo.dead_letter (feed, source_hash, source, line, field, value, reason, target_topic, rejected_at, run_id)
        SELECT @feed, @hash, @source, @line, @field, @value, @reason, @topic, @rejected, @run
        WHERE NOT EXISTS (SELECT 1 FROM dbo.dead_letter WITH (UPDLOCK, HOLDLOCK)
                          WHERE feed = @feed AND source_hash = @hash AND line = @line);
        """;

    public const string DeadLetters = """
        SELECT TOP (@limit) feed, source_hash, source, line, field, value, reason, target_topic, rejected_at, run_id, id
        FROM dbo.dead_letter WHERE @feed IS NULL OR feed = @feed ORDER BY id;
        """;

    public const string PendingDeadLetters = """
        SELECT feed, source_hash, source, line, field, value, reason, target_topic, rejected_at, run_id, id
        FROM dbo.dead_letter
        WHERE (@feed IS NULL OR feed = @feed) AND (@source IS NULL OR source = @source) AND replayed_at IS NULL
        ORDER BY feed, source, line;
        """;

    public const string MarkReplayed = """
        UPDATE dbo.dead_letter SET replayed_at = @at WHERE id = @id;
        """;
}
