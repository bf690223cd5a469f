namespace DataHub.Hub.Store.SqlServer;

/// <summary>Every T-SQL statement of <see cref="SqlServerCaseTrend"/> (parameterised; tests parse each one).</summary>
public static class TrendSql
{
    /// <summary>
    /// The engine's run ids in the history by a loose index scan of ix_gap_case_history_run (one seek per run, however long
    /// the history), each with its first change's time (a run's changes all carry the moment its gaps were applied).
    /// </summary>
    public const string RunsInHistory = """
        WITH runs (run_id) AS (
            SELECT f.run_id FROM (SELECT TOP (1) h.run_id FROM dbo.gap_case_history AS h
                                  WHERE h.run_id IS NOT NULL ORDER BY h.run_id) AS f
            UNION ALL
            SELECT n.run_id FROM (SELECT h.run_id, ROW_NUMBER() OVER (ORDER BY h.run_id) AS rn
                                  FROM runs AS r INNER JOIN dbo.gap_case_history AS h ON h.run_id > r.run_id) AS n
            WHERE n.rn = 1)
        SELECT r.run_id, (SELECT MIN(h.at) FROM dbo.gap_case_history AS h WHERE h.run_id = r.run_id) AS at
        FROM runs AS r OPTION (MAXRECURSION 0);
        """;

    /// <summary>Whether the reconciliation run history's table is there (it belongs to the run history, not to the trend).</summary>
    public const string RunHistoryExists = "SELECT CASE WHEN OBJECT_ID(N'dbo.reconciliation_run', N'U') IS NULL THEN 0 ELSE 1 END;";

    /// <summary>Finished runs, also those that changed no case.</summary>
    public const string FinishedRuns = """
        SELECT rr.run_id, rr.finished_at FROM dbo.reconciliation_run AS rr
        WHERE rr.finished_at IS NOT NULL AND rr.status IN (N'succeeded', N'data-lost');
        """;

    public const string ComputedRuns = "SELECT t.run_id FROM dbo.gap_case_trend_run AS t;";

    /// <summary>
    /// Replays each case's last change at or before the run and counts the active ones by region and rule, once per run
    /// (a second instance computing the same run at the same moment waits on the key lock, then finds it done).
    /// </summary>
    public const string ComputeRun = """
        IF NOT EXISTS (SELECT 1 FROM dbo.gap_case_trend_run AS t WITH (UPDLOCK, HOLDLOCK) WHERE t.run_id = @run)
        BEGIN
            INSERT INTO dbo.gap_case_trend (run_id, region, [rule], active)
            SELECT @run, g.region, g.[rule], COUNT_BIG(*)
            FROM dbo.gap_case AS g
            CROSS APPLY (SELECT TOP (1) h.to_status FROM dbo.gap_case_history AS h
                         WHERE h.case_id = g.case_id AND h.at <= @at ORDER BY h.id DESC) AS last_change
            WHERE g.opened_at <= @at AND last_change.to_status IN (N'new', N'open', N'in-progress')
            GROUP BY g.region, g.[rule];
            INSERT INTO dbo.gap_case_trend_run (run_id, at) VALUES (@run, @at);
        END;
        """;

    /// <summary>The last @runs computed runs, oldest first, with their counts inside [@low, @high) (a run without any there still has its row).</summary>
    public const string Points = """
        SELECT r.run_id, r.at, t.region, t.[rule], t.active
        FROM (SELECT TOP (@runs) tr.run_id, tr.at FROM dbo.gap_case_trend_run AS tr ORDER BY tr.at DESC, tr.run_id DESC) AS r
        LEFT JOIN dbo.gap_case_trend AS t ON t.run_id = r.run_id AND t.region >= @low AND t.region < @high
        ORDER BY r.at, r.run_id;
        """;
}
