namespace DataHub.Hub.Store.SqlServer;

/// <summary>Every T-SQL statement of <see cref="SqlServerRegistryStore"/> (parameterised; tests parse each one).</summary>
public static class MaterialisedRegistrySql
{
    /// <summary>
    /// <see cref="IRegistryStore.AdoptCluster"/> in one statement batch under a lock on the marker row: returns the
    /// cluster the offsets were from when they are forgotten (no row when nothing changed or none was recorded).
    /// </summary>
    public const string AdoptCluster = """
        DECLARE @previous nvarchar(400) = (SELECT cluster FROM dbo.registry_cluster WITH (UPDLOCK, HOLDLOCK) WHERE id = 1);
        IF @previous IS NULL
            INSERT INTO dbo.registry_cluster (id, cluster, since) VALUES (1, @cluster, @now);
        ELSE IF @previous <> @cluster
        BEGIN
            DELETE FROM dbo.registry_offset;
            UPDATE dbo.registry_cluster SET cluster = @cluster, since = @now WHERE id = 1;
            SELECT @previous;
        END;
        """;

    public const string NextOffsets = """
        SELECT [partition], next_offset FROM dbo.registry_offset WHERE topic = @topic;
        """;

    /// <summary>
    /// First step of a save: one saver per topic at a time until the transaction ends. Savers of overlapping partition
    /// sets would otherwise lock offset rows in different orders and deadlock; SQLite serialises all writers anyway.
    /// </summary>
    public const string LockTopic = """
        DECLARE @result int;
        EXEC @result = sp_getapplock @Resource = @resource, @LockMode = N'Exclusive', @LockOwner = N'Transaction', @LockTimeout = @timeoutMs;
        IF @result < 0 THROW 51000, N'registry store: the topic lock was not granted in time', 1;
        """;

    /// <summary>How many partitions' committed offsets are not where the batch started (a partition never stored is at 0); the rows stay locked.</summary>
    public const string CountStaleStarts = """
        SELECT COUNT(*) FROM @starts AS s
        LEFT JOIN dbo.registry_offset AS o WITH (UPDLOCK, HOLDLOCK) ON o.topic = @topic AND o.[partition] = s.[partition]
        WHERE COALESCE(o.next_offset, 0) <> s.next_offset;
        """;

    /// <summary>The batch's rows (one per identity) replace the stored ones of the same identity, or are added.</summary>
    public const string UpsertRecords = """
        MERGE dbo.registry_record WITH (HOLDLOCK) AS t
        USING @records AS s ON t.topic = @topic AND t.[identity] = s.[identity]
        WHEN MATCHED THEN UPDATE SET resident_id = s.resident_id, payload = s.payload, feed = s.feed, [source] = s.[source],
            line = s.line, [partition] = s.[partition], [offset] = s.[offset], updated_at = @now, person_partition = s.person_partition
        WHEN NOT MATCHED BY TARGET THEN
            INSERT (topic, [identity], resident_id, payload, feed, [source], line, [partition], [offset], updated_at, person_partition)
            VALUES (@topic, s.[identity], s.resident_id, s.payload, s.feed, s.[source], s.line, s.[partition], s.[offset], @now, s.person_partition);
        """;

    public const string UpsertOffsets = """
        MERGE dbo.registry_offset WITH (HOLDLOCK) AS t
        USING @offsets AS s ON t.topic = @topic AND t.[partition] = s.[partition]
        WHEN MATCHED THEN UPDATE SET next_offset = s.next_offset, updated_at = @now
        WHEN NOT MATCHED BY TARGET THEN
            INSERT (topic, [partition], next_offset, updated_at) VALUES (@topic, s.[partition], s.next_offset, @now);
        """;

    /// <summary>Two instances may find the same loss; it is recorded (and reported) once.</summary>
    public const string RecordLoss = """
        INSERT INTO dbo.registry_loss (topic, [partition], from_offset, to_offset, detected_at)
        SELECT @topic, @partition, @from, @to, @detected
        WHERE NOT EXISTS (SELECT 1 FROM dbo.registry_loss WITH (UPDLOCK, HOLDLOCK)
                          WHERE topic = @topic AND [partition] = @partition AND from_offset = @from AND to_offset = @to);
        """;

    /// <summary>Marks every unreported loss reported by @run and returns them, in one statement (a concurrent run gets none of them).</summary>
    public const string TakeUnreportedLosses = """
        UPDATE dbo.registry_loss SET reported_in_run = @run
        OUTPUT INSERTED.id, INSERTED.topic, INSERTED.[partition], INSERTED.from_offset, INSERTED.to_offset
        WHERE reported_in_run IS NULL;
        """;

    public const string ReadAll = """
        SELECT [identity], resident_id, payload, feed, [source], line, [partition], [offset]
        FROM dbo.registry_record WHERE topic = @topic
        ORDER BY [partition], [offset];
        """;

    /// <summary>
    /// An instance's share (<see cref="Reconciliation.RegistrySlice"/>): the rows of the person partitions in @partitions
    /// (a JSON array), the rows without a person, and the topic's shared rows: every row when @allShared, those whose
    /// payload has a birth certificate number (at the JSON path @certificatePath) when @certificateShared. RECOMPILE lets the plan seek the clustered
    /// (topic, person_partition) ranges when neither flag is set.
    /// </summary>
    public const string ReadShare = """
        SELECT r.[identity], r.resident_id, r.payload, r.feed, r.[source], r.line, r.[partition], r.[offset]
        FROM dbo.registry_record AS r
        WHERE r.topic = @topic
          AND (r.person_partition IN (SELECT CAST(p.[value] AS int) FROM OPENJSON(@partitions) AS p)
               OR r.person_partition < 0
               OR @allShared = 1
               OR (@certificateShared = 1 AND COALESCE(JSON_VALUE(r.payload, @certificatePath), N'') <> N''))
        ORDER BY r.[partition], r.[offset]
        OPTION (RECOMPILE);
        """;
}
