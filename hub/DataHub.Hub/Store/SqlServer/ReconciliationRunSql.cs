namespace DataHub.Hub.Store.SqlServer;

/// <summary>Every T-SQL statement of <see cref="SqlServerReconciliationRunStore"/> (parameterised; tests parse each one).</summary>
public static class ReconciliationRunSql
{
    public const string Started = """
        INSERT INTO dbo.reconciliation_run (run_id, [trigger], started_at, status, as_of, instance, scope)
        VALUES (@run, @trigger, @started, N'running', @asOf, @instance, @scope);
        """;

    public const string Finished = """
        UPDATE dbo.reconciliation_run
        SET status = @status, finished_at = @finished, gaps = @gaps, opened = @opened, changed = @changed, closed = @closed,
            events = @events, problem = @problem
        WHERE run_id = @run;
        """;

    public const string Status = """
        SELECT status, problem FROM dbo.reconciliation_run WHERE run_id = @run;
        """;

    public const string Recent = """
        SELECT TOP (@limit) run_id, [trigger], instance, scope, started_at, finished_at, status, gaps, events, problem
        FROM dbo.reconciliation_run ORDER BY started_at DESC, seq DESC;
        """;
}
